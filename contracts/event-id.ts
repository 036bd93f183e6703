// Deterministic business event ids (DESIGN.md guarantee 2). The id is a name-based UUID
// (RFC 9562 section 5.5, version 5) of plant, work center, actor sequence, event type and the
// ordinal of that type within the step, so a replayed actor emits the very same ids and ERP's
// idempotency header (Repeatability-Request-ID) and JetStream's Nats-Msg-Id de-duplicate them.
import { createHash } from 'node:crypto';
import type { EventId } from './ids.ts';

/** Millwright's namespace UUID for v5 ids; changing it would re-post everything: never do. */
const MILLWRIGHT_NAMESPACE = 'f3b6c1f4-8a0e-4f4e-9b43-5d6a1c2b7e90';

export interface EventIdParts {
  readonly plant: string;
  readonly workCenter: string;
  readonly sequence: number;
  readonly type: string;
  /** Several events of one type in one actor step (one goods issue per BOM line): 0, 1, ... */
  readonly ordinal?: number;
}

export function deriveEventId(parts: EventIdParts): EventId {
  if (!Number.isSafeInteger(parts.sequence) || parts.sequence < 0) {
    throw new RangeError(`sequence must be a non-negative integer, got ${parts.sequence}`);
  }
  const ordinal = parts.ordinal ?? 0;
  // '/' cannot occur in plant or work-center codes (ids.ts), so the name is unambiguous.
  const name = `${parts.plant}/${parts.workCenter}/${parts.sequence}/${parts.type}/${ordinal}`;
  return uuidV5(name, MILLWRIGHT_NAMESPACE) as EventId;
}

function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50; // version 5
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of an event that answers another one from outside the actor (a QMS decision answering
 * a quality hold): a v5 UUID of the cause's id and the answer's type. Deterministic, so a
 * connector that sees the same answer twice publishes the same id; the name ("<uuid>/<type>")
 * cannot equal a name of deriveEventId (five '/'-separated parts).
 */
export function deriveFollowUpEventId(cause: EventId, type: string): EventId {
  return uuidV5(`${cause}/${type}`, MILLWRIGHT_NAMESPACE) as EventId;
}
