// The QMS connector's memory in a cluster: a JetStream KV bucket, one key per inspection lot
// (`<qms>.lot.<number>`) and one for the decision-feed position (`<qms>.cursor`), scoped by the
// QMS they belong to (lot numbers and feed positions are only unique within one QMS). A
// decision is recorded by compare-and-set on the key's revision: two instances never both
// audit it.
import type { KV, NatsConnection } from 'nats';
import type { QualityHold } from '../../contracts/index.ts';
import type { InspectionRecord, InspectionState, InspectionStore } from './inspection-store.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A KV key token for a QMS (its URL, say): characters KV keys allow, nothing else. */
export function qmsScope(qms: string): string {
  return qms
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, 128);
}

/** Server "wrong last sequence" (10071): someone else wrote the key first. */
function lostRace(error: unknown): boolean {
  const api = (error as { api_error?: { err_code?: number } } | undefined)?.api_error;
  return (
    api?.err_code === 10071 ||
    (error instanceof Error && error.message.includes('wrong last sequence'))
  );
}

export class KvInspectionStore implements InspectionStore {
  readonly #kv: KV;
  readonly #scope: string;

  private constructor(kv: KV, scope: string) {
    this.#kv = kv;
    this.#scope = qmsScope(scope);
  }

  /** Opens (creating if needed) the bucket, e.g. `MW_QMS_INSPECTIONS`, for one QMS (`scope`). */
  static async open(
    nc: NatsConnection,
    bucket: string,
    scope: string,
    replicas = 1,
  ): Promise<KvInspectionStore> {
    const kv = await nc.jetstream().views.kv(bucket, { history: 1, replicas });
    return new KvInspectionStore(kv, scope);
  }

  #key(inspectionLot: string): string {
    return `${this.#scope}.lot.${inspectionLot}`;
  }

  get #cursorKey(): string {
    return `${this.#scope}.cursor`;
  }

  async open(inspectionLot: string, hold: QualityHold): Promise<void> {
    const record: InspectionRecord = { inspectionLot, hold, state: 'open' };
    try {
      await this.#kv.create(this.#key(inspectionLot), encoder.encode(JSON.stringify(record)));
    } catch (error) {
      if (!lostRace(error)) throw error;
    }
  }

  async get(inspectionLot: string): Promise<InspectionRecord | undefined> {
    return (await this.#entry(inspectionLot))?.record;
  }

  async decide(
    inspectionLot: string,
    state: Exclude<InspectionState, 'open'>,
    decisionEventId: string,
    decidedAt: string,
  ): Promise<boolean> {
    const entry = await this.#entry(inspectionLot);
    if (entry?.record.state !== 'open') return false;
    const next: InspectionRecord = { ...entry.record, state, decisionEventId, decidedAt };
    try {
      await this.#kv.update(
        this.#key(inspectionLot),
        encoder.encode(JSON.stringify(next)),
        entry.revision,
      );
      return true;
    } catch (error) {
      if (lostRace(error)) return false;
      throw error;
    }
  }

  async cursor(): Promise<number> {
    const entry = await this.#kv.get(this.#cursorKey);
    return entry === null || entry.operation !== 'PUT' ? 0 : Number(decoder.decode(entry.value));
  }

  async saveCursor(seq: number): Promise<void> {
    if (seq > (await this.cursor()))
      await this.#kv.put(this.#cursorKey, encoder.encode(String(seq)));
  }

  async #entry(
    inspectionLot: string,
  ): Promise<{ record: InspectionRecord; revision: number } | undefined> {
    const entry = await this.#kv.get(this.#key(inspectionLot));
    if (entry === null || entry.operation !== 'PUT') return undefined;
    return {
      record: JSON.parse(decoder.decode(entry.value)) as InspectionRecord,
      revision: entry.revision,
    };
  }
}
