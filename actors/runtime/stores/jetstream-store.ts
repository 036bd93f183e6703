// Cluster-mode actor store: a JetStream KV bucket with one entry per actor holding the
// snapshot and its unpublished outbox. Every commit is a KV update against the revision the
// activation loaded (compare-and-set), which is the fence: a stale owner's write fails with
// MW_ACTOR_FENCED. The bucket keeps a few revisions per key: that history is the journal.
import type { JetStreamClient, KV, NatsConnection, NatsError } from 'nats';
import { MillwrightError } from '../../../contracts/index.ts';
import { parseActorKey } from '../actor-key.ts';
import type { ActorRecord, ActorStore, StoredActor } from '../ports.ts';

export const ACTOR_BUCKET = 'MW_ACTORS';
/** JetStream API error "wrong last sequence": the compare-and-set lost. */
const WRONG_LAST_SEQUENCE = 10071;

export interface JetStreamStoreOptions {
  readonly bucket?: string;
  /** Revisions kept per actor (the journal), 1..64. */
  readonly history?: number;
  /** Per request; a commit that times out has an unknown outcome and forces a reload. */
  readonly timeoutMs?: number;
  /** "memory" for tests and benchmarks that need no disk. */
  readonly storage?: 'file' | 'memory';
}

function kvKey(key: string): string {
  const { plant, workCenter } = parseActorKey(key);
  return `${plant}.${workCenter}`;
}

export class JetStreamActorStore implements ActorStore {
  readonly kind = 'jetstream-kv';
  readonly #kv: KV;
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder();

  private constructor(kv: KV) {
    this.#kv = kv;
  }

  static async open(
    nc: NatsConnection,
    options: JetStreamStoreOptions = {},
  ): Promise<JetStreamActorStore> {
    const js: JetStreamClient = nc.jetstream({ timeout: options.timeoutMs ?? 5_000 });
    const kv = await js.views.kv(options.bucket ?? ACTOR_BUCKET, {
      history: options.history ?? 8,
      storage: options.storage === 'memory' ? ('memory' as never) : ('file' as never),
    });
    return new JetStreamActorStore(kv);
  }

  async load(key: string): Promise<StoredActor | undefined> {
    let entry;
    try {
      entry = await this.#kv.get(kvKey(key));
    } catch (cause) {
      throw this.#unavailable(key, 'read', cause);
    }
    if (entry === null || entry.operation !== 'PUT') return undefined;
    const record = JSON.parse(this.#decoder.decode(entry.value)) as ActorRecord;
    return { ...record, version: entry.revision };
  }

  async commit(key: string, expectedVersion: number, record: ActorRecord): Promise<number> {
    const data = this.#encoder.encode(JSON.stringify(record));
    try {
      return expectedVersion === 0
        ? await this.#kv.create(kvKey(key), data)
        : await this.#kv.update(kvKey(key), data, expectedVersion);
    } catch (cause) {
      if ((cause as Partial<NatsError>).api_error?.err_code === WRONG_LAST_SEQUENCE) {
        throw new MillwrightError(
          'MW_ACTOR_FENCED',
          `actor ${key} was committed by another owner`,
          { key, expectedVersion },
          { cause },
        );
      }
      throw this.#unavailable(key, 'commit', cause);
    }
  }

  async keys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const k of await this.#kv.keys()) keys.push(k.replace('.', '/'));
    return keys.sort();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #unavailable(key: string, what: string, cause: unknown): MillwrightError {
    return new MillwrightError(
      'MW_ACTOR_STORE_UNAVAILABLE',
      `actor store (JetStream KV) ${what} failed for ${key}`,
      { key },
      { cause },
    );
  }
}
