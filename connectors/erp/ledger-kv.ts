// The posting ledger of cluster mode: a JetStream KV bucket (one key per event id). `create`
// fails when the key exists and `update` when the revision moved, both with the server's
// "wrong last sequence" (NATS error 10071), which is how a second claimant is refused.
import type { KV, NatsConnection } from 'nats';
import {
  documentMatches,
  type PostingLedger,
  type PostingRecord,
  type VersionedRecord,
} from './posting-ledger.ts';

const WRONG_LAST_SEQUENCE = 10071;

function isWrongLastSequence(error: unknown): boolean {
  const api = (error as { api_error?: { err_code?: number } } | undefined)?.api_error;
  return (
    api?.err_code === WRONG_LAST_SEQUENCE ||
    (error instanceof Error && error.message.includes('wrong last sequence'))
  );
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class KvPostingLedger implements PostingLedger {
  readonly #kv: KV;

  private constructor(kv: KV) {
    this.#kv = kv;
  }

  /** Opens (creating if needed) the bucket, e.g. `MW_ERP_POSTINGS`. */
  static async open(nc: NatsConnection, bucket: string, replicas = 1): Promise<KvPostingLedger> {
    const kv = await nc.jetstream().views.kv(bucket, { history: 1, replicas });
    return new KvPostingLedger(kv);
  }

  async get(eventId: string): Promise<VersionedRecord | undefined> {
    const entry = await this.#kv.get(eventId);
    if (entry === null || entry.operation !== 'PUT') return undefined;
    return {
      revision: entry.revision,
      record: JSON.parse(decoder.decode(entry.value)) as PostingRecord,
    };
  }

  async create(record: PostingRecord): Promise<number | undefined> {
    try {
      return await this.#kv.create(record.eventId, encoder.encode(JSON.stringify(record)));
    } catch (error) {
      if (isWrongLastSequence(error)) return undefined;
      throw error;
    }
  }

  async update(record: PostingRecord, revision: number): Promise<number | undefined> {
    try {
      return await this.#kv.update(
        record.eventId,
        encoder.encode(JSON.stringify(record)),
        revision,
      );
    } catch (error) {
      if (isWrongLastSequence(error)) return undefined;
      throw error;
    }
  }

  /** Reads the bucket's latest values once (a KV watch up to "initialized"), keeping the match. */
  async findByDocument(document: string): Promise<PostingRecord | undefined> {
    const progress: { initialized: boolean; stop?: () => void } = { initialized: false };
    const watch = await this.#kv.watch({
      ignoreDeletes: true,
      // Called in the iteration once every current value has been yielded, or at once when
      // they were all queued before watch() returned (an empty bucket, say).
      initializedFn: () => {
        progress.initialized = true;
        progress.stop?.();
      },
    });
    progress.stop = () => {
      watch.stop();
    };
    if (progress.initialized) watch.stop(); // queued values are still yielded after stop()
    for await (const entry of watch) {
      if (entry.operation !== 'PUT') continue;
      const record = JSON.parse(decoder.decode(entry.value)) as PostingRecord;
      if (record.documents.some((stored) => documentMatches(stored, document))) return record;
    }
    return undefined;
  }
}
