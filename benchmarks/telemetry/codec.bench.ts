// Frame decode as a consumer sees it: JSON.parse of sample objects (baseline) vs msgpackr
// records vs our record frames vs columnar frames, each decoding and summing every value so
// that no variant wins by not touching the samples. Bytes per sample as custom rows.
import { pack, unpack } from 'msgpackr';
import { decodeFrame, type SampleRecord } from '../../native/index.ts';
import type { BenchComparison, BenchCustomRow, BenchSuite } from '../lib/suite.ts';
import { frameOf, makeColumns, telemetryFlags, toRecords } from './samples.ts';

const BATCHES = [10, 100, 1000, 10_000] as const;
let sink = 0;

function sumRecords(records: readonly SampleRecord[]): number {
  let sum = 0;
  for (const r of records) sum += r.v;
  return sum;
}

function comparison(batch: number): BenchComparison {
  const columns = makeColumns(batch);
  const records = toRecords(columns);
  const json = JSON.stringify(records);
  const packed = pack(records);
  const recordFrame = frameOf(columns, 1, 'records');
  const columnarFrame = frameOf(columns, 1, 'columnar');
  const loop = (decodeAndSum: () => number) => (ops: number) => {
    for (let done = 0; done < ops; done += batch) sink += decodeAndSum();
  };
  return {
    name: `decode-${batch}`,
    unit: 'sample',
    opsPerRound: Math.max(200_000, batch * 20),
    opsStep: batch,
    params: { batch },
    variants: [
      {
        name: 'JSON.parse',
        baseline: true,
        run: loop(() => sumRecords(JSON.parse(json) as SampleRecord[])),
      },
      { name: 'msgpackr maps', run: loop(() => sumRecords(unpack(packed) as SampleRecord[])) },
      {
        name: 'frame records',
        run: loop(() => decodeFrame(recordFrame).columns.values.reduce((a, b) => a + b, 0)),
      },
      {
        name: 'frame columnar',
        run: loop(() => {
          const { values } = decodeFrame(columnarFrame).columns;
          let sum = 0;
          for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
          return sum;
        }),
      },
    ],
  };
}

export const suite: BenchSuite = {
  name: 'telemetry-codec',
  summary:
    'telemetry frame decode: JSON vs msgpackr records vs columnar frames, 10 to 10,000 samples',
  comparisons: () => BATCHES.map(comparison),
  custom: () => {
    const rows: BenchCustomRow[] = [];
    for (const batch of BATCHES) {
      const columns = makeColumns(batch);
      const records = toRecords(columns);
      const sizes = {
        json: Buffer.byteLength(JSON.stringify(records)),
        'msgpackr maps': pack(records).length,
        'frame records': frameOf(columns, 1, 'records').length,
        'frame columnar': frameOf(columns, 1, 'columnar').length,
      };
      for (const [name, bytes] of Object.entries(sizes))
        rows.push({
          name: `bytes ${name}`,
          params: { batch },
          metrics: { bytesPerSample: bytes / batch, frameBytes: bytes },
          ...(name === 'json' ? {} : { baseline: 'bytes json' }),
        });
    }
    if (sink === Number.MIN_VALUE) console.log(sink); // keep the decoded sums alive
    return Promise.resolve(rows);
  },
  flags: telemetryFlags,
};
