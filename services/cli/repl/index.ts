// Every custom REPL command Millwright adds to moleculer-repl (broker option replCommands).
import { actorReplCommands } from './actors.repl.ts';
import { dlqReplCommand } from './dlq.repl.ts';
import { traceReplCommand } from './trace.repl.ts';

export const replCommands = [...actorReplCommands, dlqReplCommand, traceReplCommand];
export { renderActors, renderPlan } from './actors.repl.ts';
export type { ReplArgs, ReplCommand } from './table.ts';
export { dlqReplCommand, renderDeadLetters, renderReplay } from './dlq.repl.ts';
export { renderTrace, traceReplCommand } from './trace.repl.ts';
