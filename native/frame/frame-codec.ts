// encodeFrame / decodeFrame: the public codec of the telemetry lane's edge-to-actor unit.
// The decoder checks magic, version, lengths, checksum, header and counts in that order and
// never reads past the frame; every refusal is a FrameError with an MW_FRAME_* code.
import { Packr, Unpackr } from 'msgpackr';
import { FrameError } from '../native-error.ts';
import { columnarBodyLength, readColumnarBody, writeColumnarBody } from './columnar-body.ts';
import { layoutFrame, openEnvelope, sealFrame } from './frame-envelope.ts';
import { checkHeader } from './frame-header.ts';
import { encodeRecordsBody, readRecordsBody } from './records-body.ts';
import {
  FRAME_VERSION,
  type DecodedFrame,
  type FrameEncoding,
  type FrameHeader,
  type SampleColumns,
} from './frame-types.ts';

/** What the edge fills in; the codec sets version, sampleCount and encoding. */
export type FrameHeaderInput = Omit<FrameHeader, 'version' | 'sampleCount' | 'encoding'> &
  Partial<Pick<FrameHeader, 'version' | 'sampleCount' | 'encoding'>>;

// Plain msgpack maps for the header, so any msgpack tool can read it.
const headerPackr = new Packr({ useRecords: false });
const headerUnpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });

function sampleCountOf(columns: SampleColumns): number {
  const count = columns.timestampsMs.length;
  const lengths = [columns.tags.length, columns.values.length, columns.quality.length];
  if (lengths.some((length) => length !== count))
    throw new FrameError('MW_FRAME_COUNT_MISMATCH', 'sample columns differ in length', {
      timestamps: count,
      tags: lengths[0],
      values: lengths[1],
      quality: lengths[2],
    });
  return count;
}

/** Encodes one frame into a fresh Uint8Array that owns its whole ArrayBuffer (transferable). */
export function encodeFrame(
  input: FrameHeaderInput,
  columns: SampleColumns,
  encoding: FrameEncoding = input.encoding ?? 'columnar',
): Uint8Array {
  const sampleCount = sampleCountOf(columns);
  if (input.sampleCount !== undefined && input.sampleCount !== sampleCount)
    throw new FrameError('MW_FRAME_COUNT_MISMATCH', 'header sampleCount differs from columns', {
      sampleCount: input.sampleCount,
      columns: sampleCount,
    });
  const header = checkHeader({ ...input, version: FRAME_VERSION, sampleCount, encoding });
  const headerBytes = headerPackr.pack(header);
  if (encoding === 'columnar') {
    const { frame, bodyOffset } = layoutFrame(headerBytes, columnarBodyLength(sampleCount));
    writeColumnarBody(frame, bodyOffset, columns, sampleCount);
    return sealFrame(frame);
  }
  const body = encodeRecordsBody(columns, sampleCount);
  const { frame, bodyOffset } = layoutFrame(headerBytes, body.length);
  frame.set(body, bodyOffset);
  return sealFrame(frame);
}

export interface DecodeOptions {
  /** Copy the columns out of `bytes` even when views are possible (the caller reuses bytes). */
  readonly copy?: boolean;
}

/** Decodes and validates one frame; throws FrameError (MW_FRAME_*) on anything wrong. */
export function decodeFrame(bytes: Uint8Array, options: DecodeOptions = {}): DecodedFrame {
  const envelope = openEnvelope(bytes);
  let rawHeader: unknown;
  try {
    rawHeader = headerUnpackr.unpack(envelope.header);
  } catch (cause) {
    throw new FrameError('MW_FRAME_MALFORMED', 'frame header is not valid msgpack', {}, { cause });
  }
  const header = checkHeader(rawHeader);
  const { bodyOffset, bodyLength } = envelope;
  const columns =
    header.encoding === 'columnar'
      ? readColumnarBody(bytes, bodyOffset, bodyLength, header.sampleCount, options.copy ?? false)
      : readRecordsBody(bytes.subarray(bodyOffset, bodyOffset + bodyLength), header.sampleCount);
  return { header, columns };
}

/** Reads only the header (routing, de-duplication) without touching the body. */
export function decodeFrameHeader(bytes: Uint8Array): FrameHeader {
  const envelope = openEnvelope(bytes);
  try {
    return checkHeader(headerUnpackr.unpack(envelope.header));
  } catch (cause) {
    if (cause instanceof FrameError) throw cause;
    throw new FrameError('MW_FRAME_MALFORMED', 'frame header is not valid msgpack', {}, { cause });
  }
}
