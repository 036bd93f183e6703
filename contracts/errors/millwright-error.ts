// The one error class of Millwright. It mirrors Moleculer's error shape (code, type, data,
// retryable) so that services/platform can regenerate it on the calling node; it must not
// import Moleculer itself (contracts/ depends on zod only).
import { lookupErrorCode, type ErrorCode } from './catalogue.ts';

export interface MillwrightErrorJson {
  readonly name: 'MillwrightError';
  readonly message: string;
  readonly type: ErrorCode;
  readonly code: number;
  readonly retryable: boolean;
  readonly data: unknown;
}

export class MillwrightError extends Error {
  override readonly name = 'MillwrightError';
  /** The `MW_<AREA>_<WHAT>` code from the catalogue: what callers switch on. */
  readonly type: ErrorCode;
  /** HTTP-like status, as Moleculer errors carry it (4xx: the caller's input, 5xx: ours). */
  readonly code: number;
  readonly retryable: boolean;
  /** Structured detail (zod issues, protocol status codes); never a flattened string. */
  readonly data: unknown;

  constructor(type: ErrorCode, message: string, data?: unknown, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    const entry = lookupErrorCode(type);
    this.type = type;
    this.code = entry.status;
    this.retryable = entry.retryable;
    this.data = data ?? null;
  }

  toJSON(): MillwrightErrorJson {
    return {
      name: this.name,
      message: this.message,
      type: this.type,
      code: this.code,
      retryable: this.retryable,
      data: this.data,
    };
  }
}

export function isMillwrightError(value: unknown, type?: ErrorCode): value is MillwrightError {
  return value instanceof MillwrightError && (type === undefined || value.type === type);
}
