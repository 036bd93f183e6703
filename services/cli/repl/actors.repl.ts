// REPL commands for work-center actors (moleculer-repl 0.7 custom commands):
//   actors                              table of active actors on every host node
//   actors rebalance --dry-run [--join <node>] [--leave <node>]   what would move
//   actor <key>                         the actor's state as JSON (asked of its owner)
//   actor tell <key> <json>             send a message, print the committed result
//   actor approve <key> <bomItem> [--quantity N] [--order O]   approve a held consumption
//   actor lots <key>                    the lots it produced and their stock status
// Output is rendered by pure functions (tested); the actions only fetch and print.
import type { ServiceBroker } from 'moleculer';
import { ownerOf } from '../../../actors/index.ts';
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
      if (args['verb'] !== 'rebalance' || args.options['dryRun'] !== true) {
        console.log(
          'usage: actors rebalance --dry-run [--join <node>] [--leave <node>] (actors move by themselves when nodes join or leave)',
        );
        return;
      }
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
    command: 'actor <keyOrVerb> [key] [json]',
    description:
      'Show an actor\'s state ("actor <key>"), its lots ("actor lots <key>"), send it a message ("actor tell <key> <json>") or approve a held consumption ("actor approve <key> <bomItem> [--quantity N]")',
    options: [
      { option: '--quantity <n>', description: 'approve: corrected quantity in the BOM unit' },
      { option: '--order <order>', description: 'approve: the order, when several hold the item' },
    ],
    async action(broker, args) {
      try {
        if (args['keyOrVerb'] === 'approve') {
          const result = await approveFromRepl(
            broker,
            String(args['key']),
            String(args['json']),
            args.options,
          );
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        if (args['keyOrVerb'] === 'lots') {
          console.log(await lotsFromRepl(broker, String(args['key'])));
          return;
        }
        if (args['keyOrVerb'] === 'tell') {
          const key = String(args['key']);
          const message = JSON.parse(String(args['json'])) as unknown;
          console.log(
            JSON.stringify(
              await tellWorkCenter(broker, key, message, { deadlineMs: 5_000 }),
              null,
              2,
            ),
          );
          return;
        }
        const key = String(args['keyOrVerb']);
        const owner = ownerOf(key, hostNodes(broker));
        if (owner === undefined) {
          console.log(`no node runs ${HOST_SERVICE}`);
          return;
        }
        console.log(
          JSON.stringify(
            await broker.call(`${HOST_SERVICE}.inspect`, { key }, { nodeID: owner }),
            null,
            2,
          ),
        );
      } catch (error) {
        const e = error as { type?: string; message?: string };
        console.log(`error: ${e.type ?? 'Error'}: ${e.message ?? String(error)}`);
      }
    },
  },
];
