// Finds events in MW_BIZ for the trace. JetStream has no query by header or content, so this
// reads the stream once with an ordered (ephemeral) consumer and keeps what matches: a full
// scan, bounded by `maxScan` messages, fine for the days a lane keeps (docs/trace-and-audit.md).
import type { JetStreamClient, JetStreamManager } from 'nats';
import {
  BUSINESS_STREAM,
  BUSINESS_SUBJECT_PREFIX,
  type AnyBusinessEvent,
} from '../../contracts/index.ts';
import { decodeEvent } from './event-codec.ts';
import type { LaneQuery } from './lane.ts';

const BATCH = 1_000;

export async function findInStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  query: LaneQuery,
  maxScan: number,
): Promise<AnyBusinessEvent[]> {
  const limit = query.limit ?? 1_000;
  const ids = query.eventIds === undefined ? undefined : new Set(query.eventIds);
  const matches = (e: AnyBusinessEvent) =>
    (query.correlationId === undefined || e.correlationId === query.correlationId) &&
    (ids === undefined || ids.has(e.eventId));
  const info = await jsm.streams.info(BUSINESS_STREAM);
  let remaining = Math.min(info.state.messages, maxScan);
  const found: AnyBusinessEvent[] = [];
  if (remaining === 0) return found;
  const consumer = await js.consumers.get(BUSINESS_STREAM, {
    filterSubjects: `${BUSINESS_SUBJECT_PREFIX}.>`,
  });
  try {
    while (remaining > 0 && found.length < limit) {
      // Ask for no more than the stream holds, so the last batch does not wait for `expires`.
      const messages = await consumer.fetch({
        max_messages: Math.min(remaining, BATCH),
        expires: 5_000,
      });
      let got = 0;
      for await (const message of messages) {
        got += 1;
        remaining = message.info.pending === 0 ? 0 : remaining - 1;
        try {
          const event = decodeEvent(message.data);
          if (matches(event) && found.length < limit) found.push(event);
        } catch {
          // Undecodable messages are the consumers' dead letters, not part of any trace.
        }
      }
      if (got === 0) break;
    }
  } finally {
    await consumer.delete().catch(() => false);
  }
  return found;
}
