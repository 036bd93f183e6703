// Inputs shared by the telemetry suites: a work center's samples as columns, as objects (what
// JSON.parse or a naive consumer holds), and the same samples as frames of a given batch size.
import { isNativeAccelerationEnabled } from 'msgpackr';
import {
  encodeFrame,
  nativeKernelAvailable,
  type SampleColumns,
  type SampleRecord,
} from '../../native/index.ts';

export const TAGS = 50;
export const COUNTER_TAGS = [48, 49];
export const windowOptions = {
  windowMs: 1000,
  allowedLatenessMs: 500,
  gapMs: 60_000,
  relativeAccuracy: 0.01,
  counters: COUNTER_TAGS.map((tag) => ({ tag, modulus: 65_536 })),
  states: [],
};

/** `count` samples, 50 tags round robin at 20 kHz, starting at `startMs`. */
export function makeColumns(count: number, startMs = 1_700_000_000_000): SampleColumns {
  const columns: SampleColumns = {
    timestampsMs: new Float64Array(count),
    tags: new Uint32Array(count),
    values: new Float64Array(count),
    quality: new Uint8Array(count),
  };
  for (let i = 0; i < count; i++) {
    const tag = i % TAGS;
    columns.timestampsMs[i] = startMs + i * 0.05;
    columns.tags[i] = tag;
    columns.values[i] = COUNTER_TAGS.includes(tag)
      ? Math.floor(i / 7) % 65_536
      : 100 + Math.sin(i / 13) * 20;
    columns.quality[i] = i % 997 === 0 ? 64 : 0;
  }
  return columns;
}

export function toRecords(columns: SampleColumns): SampleRecord[] {
  return Array.from(columns.timestampsMs, (t, i) => ({
    t,
    tag: columns.tags[i] ?? 0,
    v: columns.values[i] ?? 0,
    q: columns.quality[i] ?? 0,
  }));
}

export function frameOf(
  columns: SampleColumns,
  seq: number,
  encoding: 'columnar' | 'records' = 'columnar',
) {
  return encodeFrame(
    {
      plant: 'P100',
      workCenter: 'WC-1',
      source: 'bench',
      frameSeq: seq,
      sealedAt: '2026-01-01T00:00:00Z',
    },
    columns,
    encoding,
  );
}

export function telemetryFlags(): Readonly<Record<string, string | number | boolean>> {
  return { nativeKernel: nativeKernelAvailable(), msgpackrNative: isNativeAccelerationEnabled };
}
