// REPL commands for work-center actors (moleculer-repl 0.7 custom commands):
//   actors                              table of active actors on every host node
//   actors rebalance --dry-run [--join <node>] [--leave <node>]   what would move
//   actor <key>                         the actor's state as JSON (asked of its owner)
//   actor tell <key> <json>             send a message, print the committed result
//   actor approve <key> <bomItem> [--quantity N] [--order O]   approve a held consumption
//   actor lots <key>                    the lots it produced and their stock status
// Output is rendered by pure functions (tested); the actions only fetch and print, and throw
// on bad input (guard.ts prints and counts it with its MW_* code).
import type { ServiceBroker } from 'moleculer';
import { ownerOf } from '../../../actors/index.ts';
import { MillwrightError } from '../../../contracts/index.ts';
import { hostNodes, HOST_SERVICE } from '../../workcenter/membership.ts';
import { tellWorkCenter } from '../../workcenter/routing.ts';
import { approveFromRepl } from './approve.repl.ts';
import { lotsFromRepl } from './lots.repl.ts';
import { padTable as pad, type ReplCommand } from './table.ts';

interface ActorRow {
  key: string;
  mailboxDepth: number;
  sequence: number;
  lastActivityAt: number;
}
interface HostList {
  node: string;
  actors: ActorRow[];
}
interface Plan {
  before: string[];
  after: string[];
  actors: number;
  moving: number;
  byRoute: Record<string, number>;
  moves: { key: string; from?: string; to?: string }[];
}

export function renderActors(lists: readonly HostList[]): string {
  const rows = lists
    .flatMap((list) => list.actors.map((a) => ({ ...a, node: list.node })))
    .sort((a, b) => a.key.localeCompare(b.key));
  const header = ['KEY', 'OWNER', 'MAILBOX', 'LAST SEQ', 'LAST ACTIVITY'];
  const body = rows.map((r) => [
    r.key,
    r.node,
    String(r.mailboxDepth),
    String(r.sequence),
    new Date(r.lastActivityAt).toISOString(),
  ]);
  const nodes = lists.map((l) => `${l.node}: ${l.actors.length}`).join(', ');
  return `${pad([header, ...body])}\n${rows.length} actor(s) active (${nodes})`;
}

export function renderPlan(plan: Plan): string {
  const lines = [
    `members now:   ${plan.before.join(', ') || '(none)'}`,
    `members after: ${plan.after.join(', ') || '(none)'}`,
    `${plan.moving} of ${plan.actors} actor(s) would move (dry run: nothing moved)`,
    ...Object.entries(plan.byRoute).map(([route, n]) => `  ${route}: ${n}`),
  ];
  return lines.join('\n');
}

async function listAll(broker: ServiceBroker): Promise<HostList[]> {
  return Promise.all(
    hostNodes(broker).map((nodeID) =>
      broker.call<HostList, object>(`${HOST_SERVICE}.list`, {}, { nodeID }),
    ),
  );
}

const ACTOR_USAGE =
  'usage: actor <key> | actor lots <key> | actor tell <key> <json> | actor approve <key> <bomItem> [--quantity N] [--order O]';

const usage = (text: string) => new MillwrightError('MW_PLATFORM_COMMAND_INVALID', text, {});

/** A JSON argument, or MW_PLATFORM_COMMAND_INVALID naming the command (quote it in the REPL). */
function parseJson(text: string, command: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new MillwrightError(
      'MW_PLATFORM_COMMAND_INVALID',
      `${command}: the message is not JSON (${(cause as Error).message}); quote it: '{"kind":...}'`,
      { command },
      { cause },
    );
  }
}

const list = (value: unknown): string[] =>
  typeof value === 'string' && value !== '' ? [value] : [];

export const actorReplCommands: readonly ReplCommand[] = [
  {
    command: 'actors [verb]',
    description:
      'List active work-center actors; "actors rebalance --dry-run" shows what would move',
    options: [
      { option: '--dry-run', description: 'rebalance: only show what would move' },
      { option: '--join <node>', description: 'rebalance: as if this node joined' },
      { option: '--leave <node>', description: 'rebalance: as if this node left' },
    ],
    async action(broker, args) {
      if (args['verb'] === undefined) {
        console.log(renderActors(await listAll(broker)));
        return;
      }
      if (args['verb'] !== 'rebalance' || args.options['dryRun'] !== true)
        throw usage(
          'usage: actors rebalance --dry-run [--join <node>] [--leave <node>] (actors move by themselves when nodes join or leave)',
        );
      const join = list(args.options['join']);
      const leave = list(args.options['leave']);
      const node = hostNodes(broker)[0];
      if (node === undefined) {
        console.log(`no node runs ${HOST_SERVICE}`);
        return;
      }
      const plan = await broker.call<Plan, object>(
        `${HOST_SERVICE}.plan`,
        { join: join.length + leave.length === 0 ? ['new-node'] : join, leave },
        { nodeID: node },
      );
      console.log(renderPlan(plan));
    },
  },
  {
    command: 'actor [keyOrVerb] [key] [json]',
    description:
      'Show an actor\'s state ("actor <key>"), its lots ("actor lots <key>"), send it a message ("actor tell <key> <json>") or approve a held consumption ("actor approve <key> <bomItem> [--quantity N]")',
    options: [
      { option: '--quantity <n>', description: 'approve: corrected quantity in the BOM unit' },
      { option: '--order <order>', description: 'approve: the order, when several hold the item' },
    ],
    async action(broker, args) {
      const [first, key, json] = [args['keyOrVerb'], args['key'], args['json']];
      if (typeof first !== 'string') throw usage(ACTOR_USAGE);
      if (first === 'approve') {
        if (typeof key !== 'string' || typeof json !== 'string') throw usage(ACTOR_USAGE);
        const result = await approveFromRepl(broker, key, json, args.options);
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      if (first === 'lots') {
        if (typeof key !== 'string') throw usage(ACTOR_USAGE);
        console.log(await lotsFromRepl(broker, key));
        return;
      }
      if (first === 'tell') {
        if (typeof key !== 'string' || typeof json !== 'string') throw usage(ACTOR_USAGE);
        const message = parseJson(json, 'actor tell');
        const result = await tellWorkCenter(broker, key, message, { deadlineMs: 5_000 });
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      const owner = ownerOf(first, hostNodes(broker));
      if (owner === undefined) {
        console.log(`no node runs ${HOST_SERVICE}`);
        return;
      }
      const view = await broker.call(`${HOST_SERVICE}.inspect`, { key: first }, { nodeID: owner });
      console.log(JSON.stringify(view, null, 2));
    },
  },
];
