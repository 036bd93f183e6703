// Renders `millwright --help` and `millwright <command> --help` from the command table.
import type { Command } from './command.ts';

export function renderCommandHelp(command: Command): string {
  const lines = [command.usage, '', command.summary, ''];
  const entries = Object.entries(command.options);
  if (entries.length > 0) {
    lines.push('Options:');
    for (const [name, spec] of entries) {
      const flag = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.type === 'string' ? ' <value>' : ''}`;
      const fallback = spec.default === undefined ? '' : ` (default: ${spec.default})`;
      lines.push(`  ${flag.padEnd(30)} ${spec.description}${fallback}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function renderOverview(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `millwright ${version}: shop floor to enterprise integration runtime`,
    '',
    'Usage: millwright <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    'Run `millwright <command> --help` for the options of one command.',
    'Configuration is read from the environment: see docs/configuration.md.',
    '',
  ].join('\n');
}
