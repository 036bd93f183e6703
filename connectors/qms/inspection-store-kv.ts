// The QMS connector's memory in a cluster: a JetStream KV bucket, one key per inspection lot
// (`lot.<number>`) and one for the decision-feed position (`cursor`). A decision is recorded
// by compare-and-set on the key's revision, so two instances never both audit it.
import type { KV, NatsConnection } from 'nats';
import type { QualityHold } from '../../contracts/index.ts';
import type { InspectionRecord, InspectionState, InspectionStore } from './inspection-store.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CURSOR = 'cursor';
const keyOf = (inspectionLot: string) => `lot.${inspectionLot}`;

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

  private constructor(kv: KV) {
    this.#kv = kv;
  }

  /** Opens (creating if needed) the bucket, e.g. `MW_QMS_INSPECTIONS`. */
  static async open(nc: NatsConnection, bucket: string, replicas = 1): Promise<KvInspectionStore> {
    return new KvInspectionStore(await nc.jetstream().views.kv(bucket, { history: 1, replicas }));
  }

  async open(inspectionLot: string, hold: QualityHold): Promise<void> {
    const record: InspectionRecord = { inspectionLot, hold, state: 'open' };
    try {
      await this.#kv.create(keyOf(inspectionLot), encoder.encode(JSON.stringify(record)));
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
        keyOf(inspectionLot),
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
    const entry = await this.#kv.get(CURSOR);
    return entry === null || entry.operation !== 'PUT' ? 0 : Number(decoder.decode(entry.value));
  }

  async saveCursor(seq: number): Promise<void> {
    if (seq > (await this.cursor())) await this.#kv.put(CURSOR, encoder.encode(String(seq)));
  }

  async #entry(
    inspectionLot: string,
  ): Promise<{ record: InspectionRecord; revision: number } | undefined> {
    const entry = await this.#kv.get(keyOf(inspectionLot));
    if (entry === null || entry.operation !== 'PUT') return undefined;
    return {
      record: JSON.parse(decoder.decode(entry.value)) as InspectionRecord,
      revision: entry.revision,
    };
  }
}
