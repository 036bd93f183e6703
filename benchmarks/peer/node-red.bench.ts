// Node-RED doing Millwright's job (issue 8, part 3): UNS counter samples over MQTT, aggregated
// per work center per window, one confirmation per window POSTed over HTTP. Same broker, same
// seeded input, the sides alternating in one run: a burst comparison for throughput per
// CPU-second, paced rows for latency, and a broker restart mid-run for losses and duplicates.
// Why it is built this way: docs/decisions/0750-node-red-peer-comparison.md.
import { spawnSync } from 'node:child_process';
import { isNativeAccelerationEnabled } from 'msgpackr';
import { findBinary } from '../lib/servers.ts';
import type { BenchComparison, BenchContext, BenchCustomRow, BenchSuite } from '../lib/suite.ts';
import {
  NODE_RED_LABEL,
  PeerRig,
  type BatchResult,
  type MillwrightSideOptions,
  type Side,
} from './peer-rig.ts';
import { epochNow } from './receiver.ts';
import type { ScheduleOptions } from './schedule.ts';

const WINDOW_MS = 1000;
const RECONNECT_MS = 1000;
/** Event time of burst batches: any fixed epoch works, every batch has fresh work centers. */
const BURST_START_MS = 1_767_225_600_000;
const BURST_WINDOWS = 5;
/**
 * The first is the Millwright side the restart row and the sizing guide use: frames sealed
 * 20 ms after their first sample. The second seals at the end of every event-loop turn: the
 * lowest latency, and at a few thousand samples/s over 50 work centers, one-sample frames.
 */
const MILLWRIGHT: readonly MillwrightSideOptions[] = [
  { name: 'millwright-20ms', label: 'Millwright, 20 ms frames', lingerMs: 20 },
  { name: 'millwright-turn', label: 'Millwright, frame per turn', lingerMs: 0 },
];

let rig: PeerRig | undefined;
let workCenters = 50;
let nativeKernel = false;
const need = (): PeerRig => {
  if (rig === undefined) throw new Error('the peer rig is not running');
  return rig;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** `ops` samples in total (closing samples included) over BURST_WINDOWS windows of event time. */
function burstSchedule(area: string, ops: number): ScheduleOptions {
  const samples = Math.max(workCenters, ops - workCenters);
  return {
    seed: ops + area.length,
    area,
    workCenters,
    samples,
    rateHz: samples / BURST_WINDOWS,
    startMs: BURST_START_MS,
    windowMs: WINDOW_MS,
  };
}

function pacedSchedule(area: string, rateHz: number, durationMs: number): ScheduleOptions {
  return {
    seed: rateHz,
    area,
    workCenters,
    samples: Math.round((rateHz * durationMs) / 1000),
    rateHz,
    // On a window boundary, so every paced batch has the same windows whenever it starts.
    startMs: Math.ceil((epochNow() + 300) / WINDOW_MS) * WINDOW_MS,
    windowMs: WINDOW_MS,
  };
}

function exact(side: Side, result: BatchResult): void {
  const { missing, wrong, duplicates, unexpected, expected } = result.score;
  if (missing + wrong + duplicates + unexpected > 0) {
    throw new Error(
      `${side.label}: a burst without faults must post every window once and right; ` +
        `expected ${expected}, missing ${missing}, wrong ${wrong}, duplicates ${duplicates}, unexpected ${unexpected}`,
    );
  }
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.ceil(q * sorted.length) - 1] ?? Number.NaN);
}

function row(side: Side, params: BenchCustomRow['params'], result: BatchResult): BenchCustomRow {
  const latency = [...result.score.latenciesMs].sort((a, b) => a - b);
  const s = result.score;
  return {
    name: side.label,
    ...(params === undefined ? {} : { params }),
    metrics: {
      samples: result.samples,
      samplesPerCpuSec: Math.round(result.samples / result.sideCpuSec),
      cpuPercent: (100 * result.sideCpuSec) / (result.wallMs / 1000),
      p50Ms: percentile(latency, 0.5),
      p99Ms: percentile(latency, 0.99),
      maxMs: latency[latency.length - 1] ?? Number.NaN,
      expected: s.expected,
      correct: s.correct,
      missing: s.missing,
      duplicates: s.duplicates,
      wrong: s.wrong + s.unexpected,
      rssMb: result.sideRssMb,
      publisherLagMs: result.publisherLagMs,
    },
    ...(side.baseline ? {} : { baseline: NODE_RED_LABEL }),
  };
}

/** One small burst per side until it posts all of it: its subscription is in place. */
async function waitUntilBothPost(ctx: BenchContext): Promise<void> {
  for (const side of need().sides) {
    for (let attempt = 1; ; attempt++) {
      ctx.progress(`checking that ${side.label} posts (attempt ${attempt})`);
      const result = await need().runBatch(side, burstSchedule(need().nextArea('w'), 500), false);
      if (result.score.missing === 0) break;
      if (attempt === 5)
        throw new Error(`${side.label} posts nothing: ${JSON.stringify(result.score)}`);
    }
  }
}

function mosquittoVersion(): string {
  const binary = findBinary('mosquitto');
  if (binary === undefined) return 'unknown';
  // `mosquitto -h` prints its version with the usage, and exits 3.
  const { stdout } = spawnSync(binary, ['-h'], { encoding: 'utf8' });
  return /version (\S+)/.exec(stdout)?.[1] ?? 'unknown';
}

export const suite: BenchSuite = {
  name: 'peer-node-red',
  summary:
    'Node-RED flow vs Millwright on one job: UNS counters over MQTT, per-window confirmations over HTTP',
  async setup(ctx) {
    workCenters = ctx.quick ? 10 : 50;
    rig = await PeerRig.start(
      {
        windowMs: WINDOW_MS,
        reconnectMs: RECONNECT_MS,
        stallMs: ctx.quick ? 5_000 : 15_000,
        millwright: MILLWRIGHT,
      },
      (message) => {
        ctx.progress(message);
      },
    );
    nativeKernel = rig.millwright.every(({ child }) => child.ready['nativeKernel'] === true);
    await waitUntilBothPost(ctx);
  },
  comparisons: (): BenchComparison[] => [
    {
      name: 'burst of UNS counter samples to posted confirmations',
      unit: 'sample',
      opsPerRound: 20_000,
      params: { workCenters, windowMs: WINDOW_MS },
      variants: need().sides.map((side) => ({
        name: side.label,
        baseline: side.baseline,
        async run(ops: number) {
          exact(side, await need().runBatch(side, burstSchedule(need().nextArea('b'), ops), false));
        },
        processes: () => [side.process],
      })),
    },
  ],
  async custom(ctx) {
    const rows: BenchCustomRow[] = [];
    const sides = need().sides;
    const durationMs = ctx.quick ? 1_500 : 10_000;
    const rates = ctx.quick ? [1_000, 4_000] : [1_000, 4_000, 16_000];
    for (const [index, rateHz] of rates.entries()) {
      // The order rotates from rate to rate: no side always runs first or last.
      const order = [...sides.slice(index % sides.length), ...sides.slice(0, index % sides.length)];
      for (const side of order) {
        ctx.progress(`${side.label}: ${rateHz} samples/s for ${durationMs / 1000} s`);
        const schedule = pacedSchedule(need().nextArea('r'), rateHz, durationMs);
        const result = await need().runBatch(side, schedule, true);
        rows.push(row(side, { rateHz, workCenters, windowMs: WINDOW_MS }, result));
      }
    }
    const restartMs = ctx.quick ? 4_000 : 20_000;
    // The restart rows: the flow and the first Millwright side (the others differ in framing,
    // which a restart does not exercise).
    for (const side of sides.slice(0, 2)) {
      ctx.progress(`${side.label}: broker restart in the middle of ${restartMs / 1000} s`);
      const schedule = pacedSchedule(need().nextArea('x'), 1_000, restartMs);
      const result = await need().runBatch(side, schedule, true, async () => {
        await sleep(schedule.startMs + restartMs / 2 - epochNow());
        await need().broker.process.restart();
      });
      const params = { rateHz: 1_000, workCenters, windowMs: WINDOW_MS, brokerRestart: 'mid-run' };
      rows.push(row(side, params, result));
    }
    return rows;
  },
  async teardown() {
    await rig?.stop();
    rig = undefined;
  },
  flags: () => ({
    nativeKernel,
    msgpackrNative: isNativeAccelerationEnabled,
    mosquitto: mosquittoVersion(),
    mqttQos: 1,
    persistentSessions: true,
    reconnectMs: RECONNECT_MS,
    windowMs: WINDOW_MS,
    workCenters,
    httpKeepAlive: true,
    millwrightLingerMs: MILLWRIGHT.map((side) => side.lingerMs).join(' / '),
  }),
};
