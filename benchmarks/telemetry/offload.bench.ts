// Offload: the same frames aggregated on the main thread (baseline) or in the piscina pool
// with 1 and 2 worker threads, while the main thread's event-loop delay is sampled. The pool
// should keep the p99 delay low at a similar or better throughput. Custom rows only.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { decodeFrame, loadKernel, TelemetryPool, WindowStore } from '../../native/index.ts';
import type { BenchContext, BenchCustomRow, BenchSuite } from '../lib/suite.ts';
import { frameOf, makeColumns, telemetryFlags, windowOptions } from './samples.ts';

const WORK_CENTERS = 8;
const native = loadKernel({ native: true });

function frames(count: number, perFrame: number): Uint8Array[] {
  return Array.from({ length: count }, (_, f) =>
    frameOf(makeColumns(perFrame, 1_700_000_000_000 + f * perFrame * 0.05), f),
  );
}

async function measure(run: () => Promise<void>, samples: number): Promise<Record<string, number>> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  histogram.disable();
  return {
    samplesPerSec: Math.round(samples / seconds),
    loopDelayP99Ms: histogram.percentile(99) / 1e6,
    loopDelayMaxMs: histogram.max / 1e6,
    mainCpuSec: (used.user + used.system) / 1e6,
  };
}

async function mainThread(input: readonly Uint8Array[]): Promise<void> {
  const stores = Array.from({ length: WORK_CENTERS }, () => new WindowStore(windowOptions));
  for (const [i, frame] of input.entries()) {
    const store = stores[i % WORK_CENTERS];
    if (store === undefined) throw new Error('no store');
    const { columns } = decodeFrame(frame);
    store.apply(native.aggregate(columns, store.spec, store.carry));
    await yieldToLoop(); // let timers run between frames, as a service handler would
  }
}

/** Starts and warms a pool (threads load tsx and the addon once), outside the measurement. */
async function startPool(threads: number) {
  const pool = new TelemetryPool({ threads, maxQueue: threads * 4, native: native.native });
  const stores = Array.from({ length: WORK_CENTERS }, () => new WindowStore(windowOptions));
  await Promise.all(
    stores.map((store, i) => pool.aggregate(frameOf(makeColumns(10, i), 0), store)),
  );
  const run = async (input: readonly Uint8Array[]) => {
    await Promise.all(
      input.map((frame, i) => {
        const store = stores[i % WORK_CENTERS];
        if (store === undefined) throw new Error('no store');
        return pool.aggregate(frame, store); // transferred: each run gets fresh frames
      }),
    );
  };
  return { run, close: () => pool.close() };
}

export const suite: BenchSuite = {
  name: 'telemetry-offload',
  summary:
    'aggregation on the main thread vs a piscina pool of 1 and 2 threads, with event-loop delay',
  async custom(ctx: BenchContext) {
    const perFrame = 5000;
    const count = ctx.quick ? 20 : 400;
    const samples = count * perFrame;
    const rows: BenchCustomRow[] = [];
    const params = {
      frames: count,
      samplesPerFrame: perFrame,
      kernel: native.native ? 'native' : 'reference',
    };
    ctx.progress('offload: main thread');
    const onMain = frames(count, perFrame);
    rows.push({
      name: 'main thread',
      params,
      metrics: await measure(() => mainThread(onMain), samples),
    });
    for (const threads of [1, 2]) {
      ctx.progress(`offload: piscina ${threads} thread(s)`);
      const pool = await startPool(threads);
      const input = frames(count, perFrame);
      try {
        rows.push({
          name: `piscina ${threads} thread${threads > 1 ? 's' : ''}`,
          params,
          metrics: await measure(() => pool.run(input), samples),
          baseline: 'main thread',
        });
      } finally {
        await pool.close();
      }
    }
    return rows;
  },
  flags: telemetryFlags,
};
