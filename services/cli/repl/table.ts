// What every REPL command file shares: the moleculer-repl 0.7 custom command shape and a plain
// text table (columns padded to their widest cell).
import type { ServiceBroker } from 'moleculer';

export interface ReplArgs {
  readonly options: Record<string, unknown>;
  readonly [positional: string]: unknown;
}

export interface ReplCommand {
  readonly command: string;
  readonly description: string;
  readonly options?: readonly { option: string; description: string }[];
  action(broker: ServiceBroker, args: ReplArgs): Promise<void>;
}

export function padTable(cells: readonly (readonly string[])[]): string {
  const widths =
    cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length))) ?? [];
  return cells
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
