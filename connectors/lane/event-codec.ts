// The wire form of business events and dead letters in either lane: UTF-8 JSON, so an operator
// can read a stream with `nats stream view` or `sqlite3` (see docs/decisions/0301). Decoding
// checks the envelope only; connectors validate the payload of the types they handle.
import {
  AnyBusinessEvent,
  MillwrightError,
  parseWith,
  type DeadLetterReason,
} from '../../contracts/index.ts';
import type { DeadLetterEntry } from './lane.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEvent(event: AnyBusinessEvent): Uint8Array {
  return encoder.encode(JSON.stringify(event));
}

/** Throws MW_LANE_UNDECODABLE (with zod issues when it was JSON) for anything else. */
export function decodeEvent(bytes: Uint8Array | string): AnyBusinessEvent {
  const text = typeof bytes === 'string' ? bytes : decoder.decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new MillwrightError('MW_LANE_UNDECODABLE', 'lane message is not JSON', undefined, {
      cause,
    });
  }
  try {
    return parseWith(AnyBusinessEvent, value, 'business event envelope');
  } catch (cause) {
    const data = cause instanceof MillwrightError ? cause.data : undefined;
    throw new MillwrightError(
      'MW_LANE_UNDECODABLE',
      cause instanceof Error ? cause.message : 'invalid envelope',
      data,
      { cause },
    );
  }
}

/** The stored form of a dead letter: everything but the id, which the store assigns. */
export type DeadLetterRecord = Omit<DeadLetterEntry, 'id'>;

export function encodeDeadLetter(record: DeadLetterRecord): Uint8Array {
  return encoder.encode(JSON.stringify(record));
}

export function decodeDeadLetter(id: number, bytes: Uint8Array | string): DeadLetterEntry {
  const text = typeof bytes === 'string' ? bytes : decoder.decode(bytes);
  const record = JSON.parse(text) as DeadLetterRecord;
  return { id, ...record };
}

/** The reason in plain JSON form: a MillwrightError's data may hold classes or cycles. */
export function plainReason(reason: DeadLetterReason): DeadLetterReason {
  // Wrapped, so a value JSON cannot hold (a function) turns into undefined instead of throwing.
  const data =
    reason.data === undefined
      ? undefined
      : (JSON.parse(JSON.stringify({ data: reason.data })) as { data?: unknown }).data;
  return data === undefined
    ? { code: reason.code, message: reason.message }
    : { code: reason.code, message: reason.message, data };
}
