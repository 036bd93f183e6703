// Dead letters in the MW_DLQ stream: one message per given-up event, on
// `mw.dlq.<consumer>.<plant>.<workCenter>.<type>`, de-duplicated by consumer and source
// sequence so a crash between the dead-letter write and the ack cannot store it twice.
import { headers, type JetStreamClient, type JetStreamManager } from 'nats';
import {
  BUSINESS_SUBJECT_PREFIX,
  DEAD_LETTER_STREAM,
  DEAD_LETTER_SUBJECT_PREFIX,
  MillwrightError,
} from '../../contracts/index.ts';
import { decodeDeadLetter, encodeDeadLetter, type DeadLetterRecord } from './event-codec.ts';
import type { DeadLetterEntry, DeadLetterStore } from './lane.ts';
import {
  apiErrorCode,
  JS_MESSAGE_DELETE_FAILED,
  JS_NO_MESSAGE_FOUND,
} from './jetstream-streams.ts';

/** `mw.biz.P1.WC-1.operation.confirmed.v1` -> `mw.dlq.erp.P1.WC-1.operation.confirmed.v1` */
export function deadLetterSubject(consumer: string, sourceSubject: string): string {
  const rest = sourceSubject.startsWith(`${BUSINESS_SUBJECT_PREFIX}.`)
    ? sourceSubject.slice(BUSINESS_SUBJECT_PREFIX.length + 1)
    : 'unknown';
  return `${DEAD_LETTER_SUBJECT_PREFIX}.${consumer}.${rest}`;
}

export async function writeDeadLetter(
  js: JetStreamClient,
  subject: string,
  record: DeadLetterRecord,
): Promise<void> {
  const h = headers();
  h.set('Mw-Reason-Code', record.reason.code);
  h.set('Mw-Attempts', String(record.attempts));
  if (record.event !== null) h.set('Mw-Event-Id', record.event.eventId);
  try {
    await js.publish(subject, encodeDeadLetter(record), {
      msgID: `${record.consumer}:${record.sourceSequence}`,
      headers: h,
      expect: { streamName: DEAD_LETTER_STREAM },
    });
  } catch (cause) {
    throw new MillwrightError(
      'MW_LANE_UNAVAILABLE',
      'the dead letter could not be written to MW_DLQ; the event stays unacknowledged',
      { subject },
      { cause },
    );
  }
}

export class JetStreamDeadLetters implements DeadLetterStore {
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #plant: string | undefined;

  /** With `plant`, lists only that plant's dead letters (ids stay global stream sequences). */
  constructor(js: JetStreamClient, jsm: JetStreamManager, plant?: string) {
    this.#js = js;
    this.#jsm = jsm;
    this.#plant = plant;
  }

  async list(consumer: string, limit = 100): Promise<DeadLetterEntry[]> {
    const scope = this.#plant === undefined ? '' : `.${this.#plant}`;
    const filter = `${DEAD_LETTER_SUBJECT_PREFIX}.${consumer}${scope}.>`;
    const info = await this.#jsm.streams.info(DEAD_LETTER_STREAM, { subjects_filter: filter });
    const stored = Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    const wanted = Math.min(stored, limit);
    if (wanted === 0) return [];
    const reader = await this.#js.consumers.get(DEAD_LETTER_STREAM, { filterSubjects: filter });
    const entries: DeadLetterEntry[] = [];
    const batch = await reader.fetch({ max_messages: wanted, expires: 2_000 });
    for await (const msg of batch) {
      entries.push(decodeDeadLetter(msg.seq, msg.data));
      if (entries.length >= wanted || msg.info.pending === 0) break;
    }
    await reader.delete().catch(() => undefined);
    return entries;
  }

  async get(id: number): Promise<DeadLetterEntry | undefined> {
    try {
      const msg = await this.#jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq: id });
      return decodeDeadLetter(msg.seq, msg.data);
    } catch (error) {
      if (apiErrorCode(error) === JS_NO_MESSAGE_FOUND) return undefined;
      throw error;
    }
  }

  async remove(id: number): Promise<boolean> {
    try {
      return await this.#jsm.streams.deleteMessage(DEAD_LETTER_STREAM, id, false);
    } catch (error) {
      const code = apiErrorCode(error);
      if (code === JS_NO_MESSAGE_FOUND || code === JS_MESSAGE_DELETE_FAILED) return false;
      throw error;
    }
  }
}
