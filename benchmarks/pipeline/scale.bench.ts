// Scale-out of work-center actors: 1, 2 and 4 `millwright node --services actors` processes on
// one nats-server, with 100, 1,000 and 10,000 work centers. Per size: tells/s (closed loop, 64
// in flight, from this process) per cluster size, against the raw nats.js request/reply
// ceiling and the 1-node figure of the same run; RSS per actor; and, for every node that
// joins, the time from the join until every actor that moved answers on its new owner.
import {
  type BenchContext,
  type BenchCustomRow,
  type BenchSuite,
  type NatsRig,
} from '../lib/index.ts';
import { SuiteCluster } from './suite-cluster.ts';
import { joinRows } from './node-join.ts';
import { TellLoad, workCenterKeys } from './tell-load.ts';
import { timedRounds, type RoundFigures } from './timed-rounds.ts';

const IN_FLIGHT = 64;
const CEILING = 'nats.js request/reply ceiling';
const ONE_NODE = '1 node';
const FRESH = 'fresh node, no actor';

interface Plan {
  readonly sizes: readonly number[];
  /** Cluster sizes measured; nodes join one at a time up to the largest. */
  readonly nodes: readonly number[];
  readonly rounds: number;
  readonly roundMs: number;
}

const FULL: Plan = { sizes: [100, 1_000, 10_000], nodes: [1, 2, 4], rounds: 3, roundMs: 2_500 };
const QUICK: Plan = { sizes: [100], nodes: [1, 2], rounds: 1, roundMs: 500 };

const resources = new SuiteCluster('scale');

const mb = (bytes: number | undefined) =>
  bytes === undefined ? Number.NaN : Math.round((bytes / 2 ** 20) * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nodesLabel = (n: number) => (n === 1 ? ONE_NODE : `${n} nodes`);

function figures(round: RoundFigures): Record<string, number> {
  return {
    opsPerSec: round.opsPerSec,
    opsPerSecMin: round.opsPerSecMin,
    opsPerSecMax: round.opsPerSecMax,
    cpuUsPerOp: round.cpuUsPerOp,
    coresBusy: round.coresBusy,
  };
}

/** Raw request/reply to the echo peer for `ms`, `IN_FLIGHT` at a time: the transport's ceiling. */
async function requestsFor(nats: NatsRig, ms: number): Promise<number> {
  const payload = new Uint8Array(128).fill(120);
  const until = Date.now() + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (Date.now() < until) {
        await nats.nc.request('bench.echo', payload, { timeout: 10_000 });
        done += 1;
      }
    }),
  );
  return done;
}

async function throughputRow(
  nodes: number,
  load: TellLoad,
  plan: Plan,
  params: Record<string, number>,
): Promise<BenchCustomRow> {
  const live = resources.cluster;
  const nats = resources.rig;
  const round = await timedRounds(
    plan.rounds,
    plan.roundMs,
    [nats.serverProcess, ...live.processes()],
    (ms) => load.run(IN_FLIGHT, ms),
  );
  const stats = await live.stats();
  const rss = live.nodes.map((node) => node.rssBytes() ?? Number.NaN);
  return {
    name: nodesLabel(nodes),
    baseline: nodes === 1 ? CEILING : ONE_NODE,
    params,
    metrics: {
      ...figures(round),
      perNodeOpsPerSec: Math.round(round.opsPerSec / nodes),
      actorsPerNode: Math.round(stats.reduce((sum, s) => sum + s.active, 0) / nodes),
      rssMbPerNode: mb(rss.reduce((a, b) => a + b, 0) / rss.length),
    },
  };
}

async function oneSize(
  workCenters: number,
  plan: Plan,
  ctx: BenchContext,
): Promise<BenchCustomRow[]> {
  const live = resources.cluster;
  const nats = resources.rig;
  const peer = await nats.peer();
  const params = { workCenters };
  const rows: BenchCustomRow[] = [];
  const load = new TellLoad(
    live.driver,
    workCenterKeys(`S${workCenters}`, workCenters),
    'bench-scale',
  );
  ctx.progress(`${workCenters} work centers: starting node 1`);
  const { node } = await live.addNode();
  await sleep(1_000);
  const rssFresh = node.rssBytes() ?? Number.NaN;
  rows.push({ name: FRESH, params, metrics: { rssMb: mb(rssFresh) } });

  ctx.progress(`${workCenters} work centers: raw request/reply ceiling`);
  const ceiling = await timedRounds(plan.rounds, plan.roundMs, [nats.serverProcess, peer], (ms) =>
    requestsFor(nats, ms),
  );
  rows.push({ name: CEILING, params, metrics: figures(ceiling) });

  ctx.progress(`${workCenters} work centers: activating on node 1`);
  const started = performance.now();
  await load.run(IN_FLIGHT);
  const activationMs = performance.now() - started;
  const rssActive = node.rssBytes() ?? Number.NaN;
  rows.push({
    name: `${workCenters} actors active on 1 node`,
    baseline: FRESH,
    params,
    metrics: {
      rssMb: mb(rssActive),
      bytesPerActor: Math.round((rssActive - rssFresh) / workCenters),
      activationsPerSec: Math.round(workCenters / (activationMs / 1000)),
    },
  });

  const largest = Math.max(...plan.nodes);
  for (let nodes = 1; nodes <= largest; nodes++) {
    if (nodes > 1) {
      rows.push(
        ...(await joinRows(live, load, IN_FLIGHT, (message) => {
          ctx.progress(message);
        })),
      );
    }
    if (!plan.nodes.includes(nodes)) continue;
    ctx.progress(`${workCenters} work centers: tells on ${nodesLabel(nodes)}`);
    rows.push(await throughputRow(nodes, load, plan, params));
  }
  ctx.progress(`${workCenters} work centers: checking every actor's count`);
  const wrong = await load.verify(load.keys, IN_FLIGHT);
  rows.push({
    name: 'every actor after the runs',
    params,
    metrics: { wrongCounts: wrong, failedTells: load.failed, duplicateTells: load.duplicates },
  });
  await live.stopNodes();
  return rows;
}

export const suite: BenchSuite = {
  name: 'scale',
  summary:
    'Work-center actors on 1, 2 and 4 node processes (100 to 10,000 work centers): tells/s per node against the 1-node figure and raw NATS, RSS per actor, rebalance time when a node joins.',
  async setup(ctx) {
    ctx.progress('starting nats-server, the echo peer and the driver broker');
    await resources.open({ nodes: 0, peer: true });
  },
  async custom(ctx) {
    const plan = ctx.quick ? QUICK : FULL;
    const rows: BenchCustomRow[] = [];
    for (const size of plan.sizes) rows.push(...(await oneSize(size, plan, ctx)));
    return rows;
  },
  teardown: () => resources.close(),
  flags: () => ({
    actorStore: 'jetstream-kv (file)',
    driver: 'suite process, closed loop',
    inFlight: IN_FLIGHT,
    serializer: 'msgpackr',
  }),
};
