// Every custom REPL command Millwright adds to moleculer-repl (broker option replCommands), each
// guarded: a failure is printed with its MW_* code and counted, never thrown at the REPL.
import { actorReplCommands } from './actors.repl.ts';
import { dlqReplCommand as dlqCommand } from './dlq.repl.ts';
import { guarded } from './guard.ts';
import { traceReplCommand as traceCommand } from './trace.repl.ts';

export const dlqReplCommand = guarded(dlqCommand);
export const traceReplCommand = guarded(traceCommand);
export const replCommands = [...actorReplCommands.map(guarded), dlqReplCommand, traceReplCommand];
export {
  BUILT_IN_COMMANDS,
  commandWord,
  REJECTED_METRIC,
  rejectionsOf,
  rejectUnknownCommands,
} from './guard.ts';
export { renderActors, renderPlan } from './actors.repl.ts';
export type { ReplArgs, ReplCommand } from './table.ts';
export { renderDeadLetters, renderReplay } from './dlq.repl.ts';
export { renderTrace } from './trace.repl.ts';
