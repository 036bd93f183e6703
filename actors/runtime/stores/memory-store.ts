// An actor store in process memory with the same version check as the durable ones: for
// unit tests, benchmarks and throwaway runs. Records are copied through JSON, as the durable
// stores would, so a behaviour that mutates its state cannot go unnoticed. Not durable.
import { MillwrightError } from '../../../contracts/index.ts';
import type { ActorRecord, ActorStore, StoredActor } from '../ports.ts';

export class MemoryActorStore implements ActorStore {
  readonly kind = 'memory';
  readonly #records = new Map<string, string>();
  readonly #versions = new Map<string, number>();
  commits = 0;

  load(key: string): Promise<StoredActor | undefined> {
    const raw = this.#records.get(key);
    if (raw === undefined) return Promise.resolve(undefined);
    const record = JSON.parse(raw) as ActorRecord;
    return Promise.resolve({ ...record, version: this.#versions.get(key) ?? 0 });
  }

  commit(key: string, expectedVersion: number, record: ActorRecord): Promise<number> {
    const current = this.#versions.get(key) ?? 0;
    if (current !== expectedVersion) {
      return Promise.reject(
        new MillwrightError('MW_ACTOR_FENCED', `actor ${key} was committed elsewhere`, {
          key,
          expectedVersion,
          storedVersion: current,
        }),
      );
    }
    this.#records.set(key, JSON.stringify(record));
    this.#versions.set(key, current + 1);
    this.commits++;
    return Promise.resolve(current + 1);
  }

  keys(): Promise<string[]> {
    return Promise.resolve([...this.#records.keys()]);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
