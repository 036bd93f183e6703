// The record body (docs/frames.md, "Record body"): a msgpack array of { t, tag, v, q } maps,
// packed with msgpackr records so repeated keys cost one definition. For small frames and
// hand-written tools; the receiver still gets columns.
import { Packr, Unpackr } from 'msgpackr';
import { FrameError } from '../native-error.ts';
import { allocateColumns, type SampleColumns, type SampleRecord } from './frame-types.ts';

const packr = new Packr({ useRecords: true });
const unpackr = new Unpackr({ useRecords: true });

export function encodeRecordsBody(columns: SampleColumns, count: number): Uint8Array {
  const records: SampleRecord[] = new Array<SampleRecord>(count);
  for (let i = 0; i < count; i++)
    records[i] = {
      t: columns.timestampsMs[i] ?? 0,
      tag: columns.tags[i] ?? 0,
      v: columns.values[i] ?? 0,
      q: columns.quality[i] ?? 0,
    };
  return packr.pack(records);
}

function malformed(index: number, why: string): FrameError {
  return new FrameError('MW_FRAME_MALFORMED', `record ${index} ${why}`, { index });
}

function isByteInt(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

export function readRecordsBody(body: Uint8Array, count: number): SampleColumns {
  let decoded: unknown;
  try {
    decoded = unpackr.unpack(body);
  } catch (cause) {
    throw new FrameError('MW_FRAME_MALFORMED', 'record body is not valid msgpack', {}, { cause });
  }
  if (!Array.isArray(decoded))
    throw new FrameError('MW_FRAME_MALFORMED', 'record body is not an array');
  if (decoded.length !== count)
    throw new FrameError(
      'MW_FRAME_COUNT_MISMATCH',
      `record body has ${decoded.length} records; the header says ${count}`,
      { records: decoded.length, sampleCount: count },
    );
  const columns = allocateColumns(count);
  for (let i = 0; i < count; i++) {
    const record: unknown = decoded[i];
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      throw malformed(i, 'is not a map');
    const { t, tag, v, q, ...rest } = record as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw malformed(i, 'has keys other than t, tag, v, q');
    if (typeof t !== 'number') throw malformed(i, 't must be a number');
    if (!isByteInt(tag, 0xffff_ffff)) throw malformed(i, 'tag must be an integer 0-4294967295');
    if (typeof v !== 'number') throw malformed(i, 'v must be a number');
    if (!isByteInt(q, 0xff)) throw malformed(i, 'q must be an integer 0-255');
    columns.timestampsMs[i] = t;
    columns.tags[i] = tag;
    columns.values[i] = v;
    columns.quality[i] = q;
  }
  return columns;
}
