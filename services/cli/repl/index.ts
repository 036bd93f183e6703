// Every custom REPL command Millwright adds to moleculer-repl (broker option replCommands).
import { actorReplCommands } from './actors.repl.ts';

export const replCommands = [...actorReplCommands];
export { renderActors, renderPlan } from './actors.repl.ts';
export type { ReplArgs, ReplCommand } from './actors.repl.ts';
