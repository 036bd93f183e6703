// Errors that native/ raises. native/ may not import contracts/, so it cannot build a
// MillwrightError itself: each error carries the catalogue code (`MW_FRAME_*`, `MW_TELEMETRY_*`)
// and the boundary in services/ wraps it (test/unit/native/native-codes.spec.ts keeps the two in step).

/** Codes of a frame the codec refuses; each is in contracts/errors/codes/frame.codes.ts. */
export const FRAME_ERROR_CODES = [
  'MW_FRAME_TRUNCATED',
  'MW_FRAME_BAD_MAGIC',
  'MW_FRAME_UNSUPPORTED_VERSION',
  'MW_FRAME_CHECKSUM',
  'MW_FRAME_MALFORMED',
  'MW_FRAME_BAD_HEADER',
  'MW_FRAME_COUNT_MISMATCH',
  'MW_FRAME_TOO_LARGE',
] as const;
export type FrameErrorCode = (typeof FRAME_ERROR_CODES)[number];

/** Codes of the aggregation pool; each is in contracts/errors/codes/telemetry.codes.ts. */
export const POOL_ERROR_CODES = [
  'MW_TELEMETRY_BUSY',
  'MW_TELEMETRY_POOL_CLOSED',
  'MW_TELEMETRY_BAD_SPEC',
] as const;
export type PoolErrorCode = (typeof POOL_ERROR_CODES)[number];

export type NativeErrorCode = FrameErrorCode | PoolErrorCode;

/** Base of native/ errors: `code` is the catalogue code the boundary maps to MillwrightError. */
export class NativeError extends Error {
  override name = 'NativeError';
  readonly code: NativeErrorCode;
  /** Structured detail (offsets, lengths, counts), never a flattened string. */
  readonly data: Readonly<Record<string, unknown>>;

  constructor(
    code: NativeErrorCode,
    message: string,
    data: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.data = data;
  }
}

/** A telemetry frame was refused by the codec; nothing of it was used. */
export class FrameError extends NativeError {
  override name = 'FrameError';
  declare readonly code: FrameErrorCode;

  constructor(
    code: FrameErrorCode,
    message: string,
    data: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, data, options);
  }
}

/** The aggregation pool refused or could not run a task. */
export class PoolError extends NativeError {
  override name = 'PoolError';
  declare readonly code: PoolErrorCode;
  /** True when the same task may be submitted again later (the pool was full). */
  readonly retryable: boolean;

  constructor(code: PoolErrorCode, message: string, data: Readonly<Record<string, unknown>> = {}) {
    super(code, message, data);
    this.retryable = code === 'MW_TELEMETRY_BUSY';
  }
}

export function isNativeError(value: unknown): value is NativeError {
  return value instanceof NativeError;
}
