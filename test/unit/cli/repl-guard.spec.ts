// The REPL's input guard: the list of moleculer-repl's own commands matches its sources (so an
// upgrade that adds one is noticed), the command word is read like moleculer-repl reads it, and
// a failing Millwright command prints its MW_* code and is counted per broker.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ServiceBroker } from 'moleculer';
import { MillwrightError } from '../../../contracts/index.ts';
import {
  BUILT_IN_COMMANDS,
  commandWord,
  rejectionsOf,
  replCommands,
} from '../../../services/cli/repl/index.ts';
import { guarded } from '../../../services/cli/repl/guard.ts';

const require = createRequire(import.meta.url);

function moleculerReplCommands(): string[] {
  const folder = join(dirname(require.resolve('moleculer-repl')), 'src', 'commands');
  const names = new Set<string>(['help']); // commander's own help command
  for (const file of readdirSync(folder)) {
    const source = readFileSync(join(folder, file), 'utf8');
    for (const m of source.matchAll(/program\s*\.command\("([A-Za-z]+)/g)) names.add(m[1] ?? '');
    for (const m of source.matchAll(/\.alias\("([A-Za-z]+)"\)/g)) names.add(m[1] ?? '');
  }
  return [...names].sort();
}

function captureLog(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((line: unknown) => {
    lines.push(String(line));
  });
  return {
    lines,
    restore: () => {
      spy.mockRestore();
    },
  };
}

describe('REPL input guard', () => {
  it("knows exactly moleculer-repl's own top-level commands", () => {
    expect([...BUILT_IN_COMMANDS].sort()).toEqual(moleculerReplCommands());
  });

  it('reads the command word the way moleculer-repl does', () => {
    expect(commandWord('  actors rebalance --dry-run\n')).toBe('actors');
    expect(commandWord('\n')).toBe('');
    expect(replCommands.map((c) => commandWord(c.command))).toEqual([
      'actors',
      'actor',
      'dlq',
      'trace',
    ]);
  });

  it('prints a failure with its MW_* code and counts it by code, per broker', async () => {
    const broker = new ServiceBroker({ logger: false, metrics: false });
    const failing = guarded({
      command: 'boom',
      description: 'fails',
      action: () => Promise.reject(new MillwrightError('MW_ACTOR_MESSAGE_INVALID', 'bad', {})),
    });
    const plain = guarded({
      command: 'oops',
      description: 'fails without a code',
      action: () => Promise.reject(new SyntaxError('Unexpected token')),
    });
    const log = captureLog();
    try {
      await failing.action(broker, { options: {} });
      await failing.action(broker, { options: {} });
      await plain.action(broker, { options: {} });
    } finally {
      log.restore();
    }
    expect(log.lines).toEqual([
      'error: MW_ACTOR_MESSAGE_INVALID: bad',
      'error: MW_ACTOR_MESSAGE_INVALID: bad',
      'error: MW_PLATFORM_COMMAND_INVALID: Unexpected token',
    ]);
    expect([...rejectionsOf(broker)]).toEqual([
      ['MW_ACTOR_MESSAGE_INVALID', 2],
      ['MW_PLATFORM_COMMAND_INVALID', 1],
    ]);
    expect(rejectionsOf(new ServiceBroker({ logger: false })).size).toBe(0);
  });
});
