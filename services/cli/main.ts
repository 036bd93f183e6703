// The `millwright` command line: dispatches to one command, renders help, and turns every
// failure into a message a person can act on (with its MW_* code) and a non-zero exit.
import { parseArgs } from 'node:util';
import { isMillwrightError, MillwrightError } from '../../contracts/index.ts';
import { millwrightVersion } from '../runtime/version.ts';
import type { Command, ParsedOptions } from './command.ts';
import { certsCommand } from './commands/certs.command.ts';
import { checkCommand } from './commands/check.command.ts';
import { erpSimCommand } from './commands/erp-sim.command.ts';
import { nodeCommand } from './commands/node.command.ts';
import { replCommand } from './commands/repl.command.ts';
import { simulateCommand } from './commands/simulate.command.ts';
import { startCommand } from './commands/start.command.ts';
import { renderCommandHelp, renderOverview } from './help.ts';

export const commands: readonly Command[] = [
  startCommand,
  nodeCommand,
  replCommand,
  checkCommand,
  erpSimCommand,
  simulateCommand,
  certsCommand,
];

function parseFor(command: Command, argv: readonly string[]): ParsedOptions {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
  > = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = {
      type: spec.type,
      ...(spec.short === undefined ? {} : { short: spec.short }),
      ...(spec.multiple === true ? { multiple: true } : {}),
    };
  }
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new MillwrightError(
      'MW_PLATFORM_COMMAND_INVALID',
      `${cause instanceof Error ? cause.message : String(cause)} (see \`millwright ${command.name} --help\`)`,
      { command: command.name },
      { cause },
    );
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(renderOverview(commands, millwrightVersion()));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${millwrightVersion()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    throw new MillwrightError(
      'MW_PLATFORM_COMMAND_INVALID',
      `unknown command "${name}"; commands: ${commands.map((c) => c.name).join(', ')}`,
      { command: name },
    );
  }
  const parsed = parseFor(command, rest);
  if (parsed.values['help'] === true) {
    process.stdout.write(renderCommandHelp(command));
    return 0;
  }
  return command.run(parsed);
}

/** Entry point used by bin/millwright.js. */
export async function runCli(argv: readonly string[]): Promise<never> {
  try {
    process.exit(await main(argv));
  } catch (error) {
    if (isMillwrightError(error)) {
      console.error(`millwright: ${error.type}: ${error.message}`);
      process.exit(error.code < 500 ? 2 : 1);
    }
    console.error('millwright: unexpected failure', error);
    process.exit(1);
  }
}
