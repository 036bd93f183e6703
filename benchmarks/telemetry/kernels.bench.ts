// Aggregation kernels on one frame's samples: the TypeScript object path (baseline) vs the
// TypeScript columnar reference vs the C++ addon, batch sizes 100 to 100,000, so the table
// shows where the native call starts to pay for its fixed cost.
import {
  compileSpec,
  createCarry,
  loadKernel,
  reference,
  type Kernel,
} from '../../native/index.ts';
import type { BenchComparison, BenchSuite, BenchVariant } from '../lib/suite.ts';
import { objectPathAggregate } from './object-path.ts';
import { COUNTER_TAGS, makeColumns, telemetryFlags, toRecords, windowOptions } from './samples.ts';

const BATCHES = [100, 1000, 10_000, 100_000] as const;
const spec = compileSpec({ ...windowOptions, maxIntervalMs: windowOptions.gapMs });
const native = loadKernel({ native: true });
let sink = 0;

function columnarVariant(name: string, kernel: Kernel, batch: number): BenchVariant {
  const columns = makeColumns(batch);
  return {
    name,
    run(ops) {
      for (let done = 0; done < ops; done += batch)
        sink += kernel(columns, spec, createCarry(spec)).rows;
    },
  };
}

function comparison(batch: number): BenchComparison {
  const records = toRecords(makeColumns(batch));
  const counters = new Set(COUNTER_TAGS);
  const variants: BenchVariant[] = [
    {
      name: 'ts object path',
      baseline: true,
      run(ops) {
        for (let done = 0; done < ops; done += batch)
          sink += objectPathAggregate(records, windowOptions.windowMs, counters, 0.01).size;
      },
    },
    columnarVariant('ts columnar', reference.aggregate, batch),
  ];
  if (native.native) variants.push(columnarVariant('native', native.aggregate, batch));
  return {
    name: `aggregate-${batch}`,
    unit: 'sample',
    opsPerRound: Math.max(200_000, batch * 4),
    opsStep: batch,
    params: { batch },
    variants,
  };
}

export const suite: BenchSuite = {
  name: 'telemetry-kernels',
  summary: 'aggregation per window and tag: TS object path vs TS columnar vs native C++ kernel',
  comparisons: () => BATCHES.map(comparison),
  flags: () => ({ ...telemetryFlags(), nativeKernelReason: native.reason, sink: sink > 0 ? 1 : 0 }),
};
