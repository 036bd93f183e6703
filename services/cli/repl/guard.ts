// Bad REPL input gets an MW_* code, is counted and never ends the session. Millwright's commands
// throw; `guarded` prints `error: <code>: <message>` and counts it. Unknown commands are
// answered by `rejectUnknownCommands` before moleculer-repl would print commander's help.
// Counts go to the broker's metric `mw.repl.rejected.total{code}` and a per-broker tally.
import type { REPLEval, REPLServer } from 'node:repl';
import type { ServiceBroker } from 'moleculer';
import { isMillwrightError, MillwrightError } from '../../../contracts/index.ts';
import type { ReplArgs, ReplCommand } from './table.ts';

/** moleculer-repl 0.7's own top-level commands and aliases (a unit test reads its sources). */
export const BUILT_IN_COMMANDS: readonly string[] = [
  'actions',
  'bench',
  'broadcast',
  'broadcastLocal',
  'cache',
  'call',
  'clear',
  'cls',
  'dcall',
  'destroy',
  'emit',
  'env',
  'events',
  'exit',
  'q',
  'quit',
  'help',
  'info',
  'listener',
  'load',
  'loadFolder',
  'metrics',
  'nodes',
  'services',
];

export const REJECTED_METRIC = 'mw.repl.rejected.total';

const tallies = new WeakMap<ServiceBroker, Map<string, number>>();
const registered = new WeakSet<ServiceBroker>();

/** Rejected inputs of this broker's REPL so far, by code. */
export function rejectionsOf(broker: ServiceBroker): ReadonlyMap<string, number> {
  return tallies.get(broker) ?? new Map<string, number>();
}

function count(broker: ServiceBroker, code: string): void {
  const tally = tallies.get(broker) ?? new Map<string, number>();
  tallies.set(broker, tally);
  tally.set(code, (tally.get(code) ?? 0) + 1);
  if (!broker.isMetricsEnabled()) return;
  if (!registered.has(broker)) {
    registered.add(broker);
    broker.metrics.register({
      type: 'counter',
      name: REJECTED_METRIC,
      description:
        'REPL inputs refused with an MW_* code (unknown command, bad arguments, failed call)',
      labelNames: ['code'],
    });
  }
  broker.metrics.increment(REJECTED_METRIC, { code });
}

/** Prints a refusal the way every Millwright REPL command does, and counts it. */
export function reject(broker: ServiceBroker, error: unknown): void {
  // Remote Millwright errors arrive regenerated; Moleculer's own carry `type` as well.
  const e = error as { type?: unknown; message?: unknown };
  const code =
    isMillwrightError(error) || (typeof e.type === 'string' && e.type.startsWith('MW_'))
      ? String(e.type)
      : 'MW_PLATFORM_COMMAND_INVALID';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const shown = typeof e.type === 'string' && e.type !== code ? `${e.type}: ${message}` : message;
  console.log(`error: ${code}: ${shown}`);
  count(broker, code);
}

/** The command with its failures printed and counted instead of thrown. */
export function guarded(command: ReplCommand): ReplCommand {
  return {
    ...command,
    async action(broker: ServiceBroker, args: ReplArgs) {
      try {
        await command.action(broker, args);
      } catch (error) {
        reject(broker, error);
      }
    },
  };
}

/** The first word of a REPL line: the command moleculer-repl will look for. */
export function commandWord(line: string): string {
  return line.trim().split(/\s+/, 1)[0] ?? '';
}

/** Answers lines whose command nobody knows with MW_PLATFORM_COMMAND_INVALID; passes the rest. */
export function rejectUnknownCommands(
  server: REPLServer,
  broker: ServiceBroker,
  custom: readonly ReplCommand[],
): void {
  const known = new Set([...BUILT_IN_COMMANDS, ...custom.map((c) => commandWord(c.command))]);
  const evaluate = server.eval;
  const guard: REPLEval = function (this: REPLServer, line, context, file, callback) {
    const word = commandWord(line);
    if (word === '' || word.startsWith('-') || known.has(word)) {
      evaluate.call(this, line, context, file, callback);
      return;
    }
    reject(
      broker,
      new MillwrightError(
        'MW_PLATFORM_COMMAND_INVALID',
        `unknown command "${word}"; type "help" for the commands`,
        { command: word },
      ),
    );
    // One argument, as moleculer-repl's evaluator does: Node prints no "undefined" result then.
    (callback as (error: Error | null) => void)(null);
  };
  // Node's REPL calls `this.eval` for every line (lib/repl.js), so replacing it takes effect;
  // the typings mark it read-only because options.eval is the documented way in.
  (server as { eval: REPLEval }).eval = guard;
}
