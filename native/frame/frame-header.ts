// Hand-written check of a decoded frame header (native/ has no zod). It accepts exactly what
// TelemetryFrameHeader in contracts/telemetry-frame.ts accepts for the fields' types and
// ranges; the boundary can still parse the result with the zod contract.
import { FrameError } from '../native-error.ts';
import { FRAME_VERSION, MAX_SAMPLES_PER_FRAME, type FrameHeader } from './frame-types.ts';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const KEYS = new Set([
  'version',
  'plant',
  'workCenter',
  'source',
  'frameSeq',
  'sampleCount',
  'encoding',
  'sealedAt',
  'correlationId',
]);

function bad(field: string, why: string): FrameError {
  return new FrameError('MW_FRAME_BAD_HEADER', `frame header: ${field} ${why}`, { field });
}

function text(value: unknown, field: string, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw bad(field, `must be a string of 1-${max} characters`);
  if (pattern !== undefined && !pattern.test(value)) throw bad(field, 'has invalid characters');
  return value;
}

/** Throws MW_FRAME_BAD_HEADER naming the first field that does not fit. */
export function checkHeader(value: unknown): FrameHeader {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad('header', 'must be a map');
  const h = value as Record<string, unknown>;
  for (const key of Object.keys(h)) if (!KEYS.has(key)) throw bad(key, 'is not a header field');
  if (h['version'] !== FRAME_VERSION) throw bad('version', `must be ${FRAME_VERSION}`);
  const frameSeq = h['frameSeq'];
  if (typeof frameSeq !== 'number' || !Number.isSafeInteger(frameSeq) || frameSeq < 0)
    throw bad('frameSeq', 'must be a non-negative integer');
  const sampleCount = h['sampleCount'];
  if (typeof sampleCount !== 'number' || !Number.isInteger(sampleCount) || sampleCount < 0)
    throw bad('sampleCount', 'must be a non-negative integer');
  if (sampleCount > MAX_SAMPLES_PER_FRAME)
    throw new FrameError('MW_FRAME_TOO_LARGE', `frame holds ${sampleCount} samples`, {
      sampleCount,
      max: MAX_SAMPLES_PER_FRAME,
    });
  const encoding = h['encoding'];
  if (encoding !== 'columnar' && encoding !== 'records')
    throw bad('encoding', "must be 'columnar' or 'records'");
  const sealedAt = text(h['sealedAt'], 'sealedAt', 40, ISO);
  if (Number.isNaN(Date.parse(sealedAt))) throw bad('sealedAt', 'is not a valid time');
  const header: FrameHeader = {
    version: FRAME_VERSION,
    plant: text(h['plant'], 'plant', 64, CODE),
    workCenter: text(h['workCenter'], 'workCenter', 64, CODE),
    source: text(h['source'], 'source', 128),
    frameSeq,
    sampleCount,
    encoding,
    sealedAt,
  };
  const correlationId = h['correlationId'];
  if (correlationId === undefined) return header;
  return { ...header, correlationId: text(correlationId, 'correlationId', 128) };
}
