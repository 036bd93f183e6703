// A node joins a running cluster of work-center hosts: the actors that will move to it are
// known in advance (rendezvous hashing over the members plus its id) and asked for their
// counts on their old owners (the baseline), then again from the moment the driver sees the
// new node, until each answered on it with its count intact. The scale suite's rows.
import { ownerOf } from '../../actors/index.ts';
import type { BenchCustomRow } from '../lib/index.ts';
import type { ActorCluster } from './actor-cluster.ts';
import type { TellLoad } from './tell-load.ts';

export const BEFORE_JOIN = 'moved actors answering, before the join';
export const AFTER_JOIN = 'node joins, moved actors answering on the new owner';

export async function joinRows(
  cluster: ActorCluster,
  load: TellLoad,
  inFlight: number,
  progress: (message: string) => void,
): Promise<BenchCustomRow[]> {
  const workCenters = load.keys.length;
  const before = cluster.hosts();
  const joining = cluster.nextNodeId;
  const moved = load.keys.filter((key) => ownerOf(key, [...before, joining]) === joining);
  const params = { workCenters, join: `${before.length}→${before.length + 1}` };
  progress(`${workCenters} work centers: ${moved.length} actors answering before the join`);
  const started = performance.now();
  const wrongBefore = await load.verify(moved, inFlight);
  const answeredBefore = performance.now() - started;
  progress(`${workCenters} work centers: node ${before.length + 1} joins`);
  const { node, joinedAt } = await cluster.addNode();
  const wrong = await load.verify(moved, inFlight);
  const answered = performance.now() - joinedAt;
  // The old owners release what moved (snapshot, drop) once they see the new member.
  await cluster.until(
    (stats) =>
      stats.reduce((sum, s) => sum + s.active, 0) === workCenters &&
      stats.find((s) => s.node === joining)?.active === moved.length,
  );
  return [
    {
      name: BEFORE_JOIN,
      params,
      metrics: {
        movedActors: moved.length,
        answeredMs: Math.round(answeredBefore),
        wrongCounts: wrongBefore,
      },
    },
    {
      name: AFTER_JOIN,
      baseline: BEFORE_JOIN,
      params,
      metrics: {
        movedActors: moved.length,
        answeredMs: Math.round(answered),
        settledMs: Math.round(performance.now() - joinedAt),
        nodeStartMs: Math.round(node.startMs),
        wrongCounts: wrong,
      },
    },
  ];
}
