// Soak (opt-in): one actors node (`millwright node --services actors`) on nats-server, driven
// with work-center tells at half the saturation rate measured at the start, open loop, for 30
// minutes (--minutes N; 1 with --quick). Measured: the node's RSS slope (MB/hour, least
// squares after the first chunk) and the p99 drift, first against last 5 minutes.
import {
  LatencyHistogram,
  openLoop,
  type BenchContext,
  type BenchCustomRow,
  type BenchSuite,
} from '../lib/index.ts';
import { slope } from '../lib/stats.ts';
import { SuiteCluster } from './suite-cluster.ts';
import { TellLoad, workCenterKeys } from './tell-load.ts';
import { timedRounds } from './timed-rounds.ts';

const WORK_CENTERS = 1_000;
const IN_FLIGHT = 64;
const DEFAULT_MINUTES = 30;
/** The p99 drift compares this much at the start with as much at the end (or half the run). */
const WINDOW_MINUTES = 5;
const RSS_EVERY_MS = 5_000;
const FIRST = 'first minutes at half saturation';

const resources = new SuiteCluster('soak');

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

interface Chunk {
  readonly histogram: LatencyHistogram;
  readonly achievedHz: number;
  readonly lost: number;
}

function windowMetrics(chunks: readonly Chunk[]): Record<string, number> {
  const merged = new LatencyHistogram();
  for (const chunk of chunks) merged.merge(chunk.histogram);
  const summary = merged.summary();
  return {
    achievedHz: Math.round(chunks.reduce((sum, c) => sum + c.achievedHz, 0) / chunks.length),
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
    p999Ms: summary.p999Ms,
    maxMs: summary.maxMs,
    lost: chunks.reduce((sum, c) => sum + c.lost, 0),
  };
}

async function soakRows(ctx: BenchContext): Promise<BenchCustomRow[]> {
  const live = resources.cluster;
  const node = live.nodes[0];
  if (node === undefined) throw new Error('soak suite: its actors node did not start');
  const minutes = ctx.minutes ?? (ctx.quick ? 1 : DEFAULT_MINUTES);
  const totalMs = minutes * 60_000;
  // Chunks of a minute (shorter for short runs, so both windows hold some).
  const chunkMs = Math.min(60_000, totalMs / 4);
  const chunks = Math.round(totalMs / chunkMs);
  const windowChunks = Math.max(
    1,
    Math.floor(Math.min(WINDOW_MINUTES * 60_000, totalMs / 2) / chunkMs),
  );
  const load = new TellLoad(live.driver, workCenterKeys('SOAK', WORK_CENTERS), 'bench-soak');

  ctx.progress(`activating ${WORK_CENTERS} work centers`);
  await load.run(IN_FLIGHT);
  ctx.progress('saturation: closed loop, 64 in flight');
  const helpers = [resources.rig.serverProcess, ...live.processes()];
  const saturation = await timedRounds(1, ctx.quick ? 3_000 : 10_000, helpers, (ms) =>
    load.run(IN_FLIGHT, ms),
  );
  const rateHz = Math.max(1, Math.round(saturation.opsPerSec / 2));

  const rss: { hours: number; mb: number }[] = [];
  const started = performance.now();
  const sampleRss = () => {
    const bytes = node.rssBytes();
    if (bytes !== undefined)
      rss.push({ hours: (performance.now() - started) / 3_600_000, mb: mb(bytes) });
  };
  sampleRss();
  const sampler = setInterval(sampleRss, RSS_EVERY_MS);
  const results: Chunk[] = [];
  try {
    for (let i = 0; i < chunks; i++) {
      ctx.progress(
        `soak at ${rateHz} tells/s: minute ${((i * chunkMs) / 60_000).toFixed(1)} of ${minutes}`,
      );
      const result = await openLoop({
        rateHz,
        durationMs: chunkMs,
        send: async (index) => {
          const key = load.keys[index % load.keys.length] ?? '';
          if ((await load.tell(key)) === undefined) throw new Error(`tell to ${key} failed`);
        },
      });
      results.push({
        histogram: result.histogram,
        achievedHz: result.achievedRateHz,
        lost: result.lost + result.failed,
      });
    }
  } finally {
    clearInterval(sampler);
  }
  sampleRss();
  ctx.progress("checking every actor's count");
  const wrong = await load.verify(load.keys, IN_FLIGHT);
  // The first chunk holds the warm-up (JIT, heap growing to its working size): not a leak.
  const trend = rss.filter((sample) => sample.hours * 3_600_000 >= chunkMs);
  const params = {
    workCenters: WORK_CENTERS,
    rateHz,
    windowMin: (windowChunks * chunkMs) / 60_000,
  };
  return [
    {
      name: 'saturation, closed loop (64 in flight)',
      params: { workCenters: WORK_CENTERS },
      metrics: {
        opsPerSec: saturation.opsPerSec,
        cpuUsPerOp: saturation.cpuUsPerOp,
        coresBusy: saturation.coresBusy,
      },
    },
    { name: FIRST, params, metrics: windowMetrics(results.slice(0, windowChunks)) },
    {
      name: 'last minutes at half saturation',
      baseline: FIRST,
      params,
      metrics: windowMetrics(results.slice(-windowChunks)),
    },
    {
      name: 'node RSS over the whole run',
      params: { workCenters: WORK_CENTERS, rateHz, minutes },
      metrics: {
        rssStartMb: rss[0]?.mb ?? Number.NaN,
        rssEndMb: rss[rss.length - 1]?.mb ?? Number.NaN,
        rssSlopeMbPerHour:
          Math.round(
            slope(
              trend.map((s) => s.hours),
              trend.map((s) => s.mb),
            ) * 10,
          ) / 10,
        rssSamples: trend.length,
        wrongCounts: wrong,
        failedTells: load.failed,
        duplicateTells: load.duplicates,
      },
    },
  ];
}

export const suite: BenchSuite = {
  name: 'soak',
  summary:
    'An actors node at half its saturation rate for 30 minutes (--minutes N): RSS slope and p99 drift, first against last 5 minutes.',
  optIn: true,
  async setup(ctx) {
    ctx.progress('starting nats-server and an actors node');
    await resources.open({ nodes: 1 });
  },
  custom: soakRows,
  teardown: () => resources.close(),
  flags: () => ({
    actorStore: 'jetstream-kv (file)',
    driver: 'suite process, open loop',
    load: 'counts.reported tells',
  }),
};
