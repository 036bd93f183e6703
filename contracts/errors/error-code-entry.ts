// The shape of one catalogue entry; kept apart so area files need not import the catalogue.
export interface ErrorCodeEntry {
  /** HTTP-like status: 400-499 the input or the caller, 500-599 Millwright or a dependency. */
  readonly status: number;
  /** True when the same call may succeed later unchanged (busy, timeout, dependency down). */
  readonly retryable: boolean;
  /** One line: what went wrong. */
  readonly summary: string;
  /** One line: what a person can do about it. */
  readonly action: string;
  /** Set when the code is no longer raised; it stays so it is never reused. */
  readonly retired?: true;
}

/** Helper that keeps area files typed while preserving their literal keys. */
export function defineCodes<const T extends Record<string, ErrorCodeEntry>>(codes: T): T {
  return codes;
}
