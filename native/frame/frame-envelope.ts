// The outer layout of a frame (docs/frames.md, "Layout"): a msgpack array of six elements whose
// lengths are all checked against the buffer before any element is read. Owns bounds and the
// checksum; it does not interpret the header or the body.
import { crc32 } from 'node:zlib';
import { FrameError } from '../native-error.ts';
import { FRAME_MAGIC, FRAME_VERSION } from './frame-types.ts';

/** fixarray(6), fixstr(4) "MWTF", positive fixint version. */
const PREFIX = Uint8Array.of(0x96, 0xa4, 0x4d, 0x57, 0x54, 0x46, FRAME_VERSION);
const CRC_BYTES = 5; // 0xce + uint32 big-endian (msgpack uint 32)
/** Smallest frame: prefix, three empty bin8s, the checksum. */
export const MIN_FRAME_BYTES = PREFIX.length + 3 * 2 + CRC_BYTES;

export interface Envelope {
  readonly header: Uint8Array;
  /** Offset of the body in the frame's bytes; the encoder makes it a multiple of 8. */
  readonly bodyOffset: number;
  readonly bodyLength: number;
}

function binPrefixLength(length: number): number {
  return length < 0x100 ? 2 : length < 0x10000 ? 3 : 5;
}

function writeBinPrefix(out: DataView, at: number, length: number, size: number): number {
  out.setUint8(at, size === 2 ? 0xc4 : size === 3 ? 0xc5 : 0xc6);
  if (size === 2) out.setUint8(at + 1, length);
  else if (size === 3) out.setUint16(at + 1, length);
  else out.setUint32(at + 1, length);
  return at + size;
}

/**
 * Lays out a frame around an encoded header and a body of `bodyLength` bytes; returns the
 * frame and the offset at which the caller writes the body (8-byte aligned), then `seal`s it.
 */
export function layoutFrame(header: Uint8Array, bodyLength: number) {
  const headerEnd = PREFIX.length + binPrefixLength(header.length) + header.length;
  // pad is a bin8 of 0-7 zero bytes; the body is always a bin32 (5-byte prefix).
  const pad = (8 - ((headerEnd + 2 + 5) % 8)) % 8;
  const bodyOffset = headerEnd + 2 + pad + 5;
  const frame = new Uint8Array(bodyOffset + bodyLength + CRC_BYTES);
  const view = new DataView(frame.buffer);
  frame.set(PREFIX, 0);
  let at = writeBinPrefix(view, PREFIX.length, header.length, binPrefixLength(header.length));
  frame.set(header, at);
  at = writeBinPrefix(view, at + header.length, pad, 2) + pad;
  writeBinPrefix(view, at, bodyLength, 5);
  return { frame, bodyOffset };
}

/** Writes the CRC-32 of everything before it into the last five bytes. */
export function sealFrame(frame: Uint8Array): Uint8Array {
  const end = frame.length - CRC_BYTES;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  view.setUint8(end, 0xce);
  view.setUint32(end + 1, crc32(frame.subarray(0, end)));
  return frame;
}

/** Reads a msgpack bin element at `at`; throws TRUNCATED when it runs past `end`. */
function readBin(view: DataView, at: number, end: number, what: string) {
  if (at >= end) throw truncated(what, at);
  const type = view.getUint8(at);
  const size = type === 0xc4 ? 2 : type === 0xc5 ? 3 : type === 0xc6 ? 5 : 0;
  if (size === 0)
    throw new FrameError('MW_FRAME_MALFORMED', `frame ${what} is not msgpack bin`, {
      offset: at,
      type,
    });
  if (at + size > end) throw truncated(what, at);
  const length =
    size === 2
      ? view.getUint8(at + 1)
      : size === 3
        ? view.getUint16(at + 1)
        : view.getUint32(at + 1);
  const start = at + size;
  if (start + length > end) throw truncated(what, at);
  return { start, length, next: start + length };
}

function truncated(what: string, offset: number): FrameError {
  return new FrameError('MW_FRAME_TRUNCATED', `frame ends inside its ${what}`, { offset });
}

/** Checks magic, version, every length and the checksum; reads no header or body content. */
export function openEnvelope(bytes: Uint8Array): Envelope {
  for (let i = 0; i < PREFIX.length - 1; i++) {
    if (i >= bytes.length) throw truncated('magic', i);
    if (bytes[i] !== PREFIX[i])
      throw new FrameError('MW_FRAME_BAD_MAGIC', `not a ${FRAME_MAGIC} telemetry frame`, {
        offset: i,
      });
  }
  const version = bytes[PREFIX.length - 1];
  if (version === undefined) throw truncated('version', PREFIX.length - 1);
  if (version !== FRAME_VERSION)
    throw new FrameError(
      'MW_FRAME_UNSUPPORTED_VERSION',
      `frame version ${version} is not supported (this node reads version ${FRAME_VERSION})`,
      { version, supported: [FRAME_VERSION] },
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - CRC_BYTES;
  if (end < PREFIX.length) throw truncated('checksum', bytes.length);
  const header = readBin(view, PREFIX.length, end, 'header');
  const pad = readBin(view, header.next, end, 'padding');
  const body = readBin(view, pad.next, end, 'body');
  if (body.next !== end || view.getUint8(end) !== 0xce)
    throw new FrameError('MW_FRAME_MALFORMED', 'frame does not end with its checksum', {
      offset: body.next,
    });
  const expected = view.getUint32(end + 1);
  const actual = crc32(bytes.subarray(0, end));
  if (expected !== actual)
    throw new FrameError('MW_FRAME_CHECKSUM', 'frame checksum does not match its bytes', {
      expected,
      actual,
    });
  return {
    header: bytes.subarray(header.start, header.next),
    bodyOffset: body.start,
    bodyLength: body.length,
  };
}
