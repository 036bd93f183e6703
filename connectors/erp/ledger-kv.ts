// The posting ledger of cluster mode: a JetStream KV bucket (one key per event id). `create`
// fails when the key exists and `update` when the revision moved, both with the server's
// "wrong last sequence" (NATS error 10071), which is how a second claimant is refused.
import type { KV, NatsConnection } from 'nats';
import type { PostingLedger, PostingRecord, VersionedRecord } from './posting-ledger.ts';

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
}
