// Draining a 5-minute outage backlog: the edge (FrameStore + Forwarder, in this process) stores
// 5 minutes of frames while the cluster is unreachable (simulated time: produced at once, not
// waited for), then the link returns and the backlog drains to a real actors node over NATS,
// throttled, while live frames keep coming. Measured: drain rate (frames/s, samples/s) and the
// live frames' p99 during the drain, against the live p99 with no backlog in the same run.
import {
  LatencyHistogram,
  type BenchContext,
  type BenchCustomRow,
  type BenchSuite,
} from '../lib/index.ts';
import { SuiteCluster } from './suite-cluster.ts';
import { runScenario, type ScenarioOptions, type ScenarioOutcome } from './drain-scenario.ts';

const BASELINE = 'live frames, no backlog';
const DRAIN = 'live frames during the backlog drain';

interface Plan {
  readonly workCenters: number;
  readonly samplesPerFrame: number;
  readonly outageS: number;
  /** Live traffic without a backlog, run twice (before the first drain and after the last). */
  readonly liveMs: number;
  /** Edge backlogFramesPerSecond settings, one drain each. */
  readonly throttles: readonly number[];
  readonly drainCapMs: number;
}

const FULL: Plan = {
  workCenters: 25,
  samplesPerFrame: 200,
  outageS: 300,
  liveMs: 20_000,
  throttles: [100, 500],
  drainCapMs: 150_000,
};
const QUICK: Plan = { ...FULL, outageS: 10, liveMs: 1_000, drainCapMs: 20_000 };

const resources = new SuiteCluster('drain');

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/** Latency and correctness of live runs, merged (the baseline is two runs). */
function liveMetrics(outcomes: readonly ScenarioOutcome[]): Record<string, number> {
  const live = new LatencyHistogram();
  for (const outcome of outcomes) live.merge(outcome.live);
  const latency = live.summary();
  const sum = (pick: (o: ScenarioOutcome) => number) =>
    outcomes.reduce((total, o) => total + pick(o), 0);
  const wallMicros = sum((o) => o.windowMs) * 1000;
  const made = sum((o) => o.goodMade);
  return {
    liveP50Ms: latency.p50Ms,
    liveP90Ms: latency.p90Ms,
    liveP99Ms: latency.p99Ms,
    liveMaxMs: latency.maxMs,
    liveFrames: latency.count,
    edgeCoresBusy: round(sum((o) => o.edgeCpuMicros) / wallMicros, 2),
    nodeCoresBusy: round(sum((o) => o.nodeCpuMicros) / wallMicros, 2),
    goodCountedPct: made > 0 ? round((sum((o) => o.goodCounted) / made) * 100, 1) : Number.NaN,
  };
}

function drainMetrics(outcome: ScenarioOutcome, samplesPerFrame: number): Record<string, number> {
  const { backlog } = outcome;
  const drainS = outcome.windowMs / 1000;
  return {
    backlogFrames: backlog.frames,
    drained: outcome.drained ? 1 : 0,
    drainS: round(drainS, 1),
    drainFramesPerSec: round(backlog.delivered / drainS),
    drainSamplesPerSec: round((backlog.delivered * samplesPerFrame) / drainS),
    backlogAcceptedPct:
      backlog.delivered > 0 ? round((backlog.accepted / backlog.delivered) * 100, 1) : Number.NaN,
    ...liveMetrics([outcome]),
  };
}

async function drainRows(ctx: BenchContext): Promise<BenchCustomRow[]> {
  const plan = ctx.quick ? QUICK : FULL;
  const live = resources.cluster;
  const nodePid = live.nodes[0]?.pid;
  if (nodePid === undefined) throw new Error('drain suite: its actors node did not start');
  const run = (label: string, throttle: number, outageS: number) => {
    const options: ScenarioOptions = {
      label,
      throttle,
      outageS,
      workCenters: plan.workCenters,
      samplesPerFrame: plan.samplesPerFrame,
      liveMs: plan.liveMs,
      drainCapMs: plan.drainCapMs,
      progress: (message) => {
        ctx.progress(message);
      },
    };
    return runScenario(live.driver, nodePid, options);
  };
  const params = {
    workCenters: plan.workCenters,
    samplesPerFrame: plan.samplesPerFrame,
    liveFramesPerSec: plan.workCenters,
  };
  const before = await run('live-a', 0, 0);
  const drains: BenchCustomRow[] = [];
  for (const throttle of plan.throttles) {
    drains.push({
      name: DRAIN,
      baseline: BASELINE,
      params: { ...params, outageS: plan.outageS, backlogFramesPerSecond: throttle },
      metrics: drainMetrics(
        await run(`t${throttle}`, throttle, plan.outageS),
        plan.samplesPerFrame,
      ),
    });
  }
  const after = await run('live-b', 0, 0);
  return [{ name: BASELINE, params, metrics: liveMetrics([before, after]) }, ...drains];
}

export const suite: BenchSuite = {
  name: 'drain',
  summary:
    'A 5-minute outage backlog drained from the edge frame store to an actors node over NATS at 2 throttles: drain rate and live p99 against live p99 with no backlog.',
  async setup(ctx) {
    ctx.progress('starting nats-server and an actors node');
    await resources.open({ nodes: 1 });
  },
  custom: drainRows,
  teardown: () => resources.close(),
  flags: () => ({
    forwarder: 'one delivery in flight, live first',
    actorStore: 'jetstream-kv (file)',
    frameStore: 'SQLite WAL',
  }),
};
