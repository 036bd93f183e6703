// What the QMS connector remembers: the quality hold behind each inspection lot it created (so
// a decision can be turned into an event with the hold's plant, work center, lot and
// correlation id), whether that lot is decided, and the position in the QMS decision feed.
// SQLite in embedded mode; JetStream KV in a cluster (inspection-store-kv.ts).
import type { Database } from 'better-sqlite3';
import type { QualityHold } from '../../contracts/index.ts';

export type InspectionState = 'open' | 'released' | 'rejected';

export interface InspectionRecord {
  readonly inspectionLot: string;
  readonly hold: QualityHold;
  readonly state: InspectionState;
  /** The quality.released / rejected event, once decided. */
  readonly decisionEventId?: string;
  readonly decidedAt?: string;
}

export interface InspectionStore {
  /** Records the lot of a hold; a second call for the same lot changes nothing. */
  open(inspectionLot: string, hold: QualityHold): Promise<void>;
  get(inspectionLot: string): Promise<InspectionRecord | undefined>;
  /**
   * Moves an open lot to its decision. False when it was decided already (by an earlier poll
   * or another instance): the caller then does not audit it a second time.
   */
  decide(
    inspectionLot: string,
    state: Exclude<InspectionState, 'open'>,
    decisionEventId: string,
    decidedAt: string,
  ): Promise<boolean>;
  /** The last decision-feed position processed; 0 at first. */
  cursor(): Promise<number>;
  /** Moves the position forward (never back). */
  saveCursor(seq: number): Promise<void>;
}

export class SqliteInspectionStore implements InspectionStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
    db.pragma('journal_mode = WAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS qms_inspections (
        lot TEXT PRIMARY KEY, hold_event_id TEXT NOT NULL, state TEXT NOT NULL,
        record TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS qms_cursor (
        id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
      INSERT OR IGNORE INTO qms_cursor VALUES (1, 0);`);
  }

  open(inspectionLot: string, hold: QualityHold): Promise<void> {
    const record: InspectionRecord = { inspectionLot, hold, state: 'open' };
    this.#db
      .prepare('INSERT OR IGNORE INTO qms_inspections VALUES (?, ?, ?, ?)')
      .run(inspectionLot, hold.eventId, 'open', JSON.stringify(record));
    return Promise.resolve();
  }

  get(inspectionLot: string): Promise<InspectionRecord | undefined> {
    const row = this.#db
      .prepare<[string], { record: string }>('SELECT record FROM qms_inspections WHERE lot = ?')
      .get(inspectionLot);
    return Promise.resolve(
      row === undefined ? undefined : (JSON.parse(row.record) as InspectionRecord),
    );
  }

  async decide(
    inspectionLot: string,
    state: Exclude<InspectionState, 'open'>,
    decisionEventId: string,
    decidedAt: string,
  ): Promise<boolean> {
    const current = await this.get(inspectionLot);
    if (current?.state !== 'open') return false;
    const next: InspectionRecord = { ...current, state, decisionEventId, decidedAt };
    const changes = this.#db
      .prepare("UPDATE qms_inspections SET state = ?, record = ? WHERE lot = ? AND state = 'open'")
      .run(state, JSON.stringify(next), inspectionLot).changes;
    return changes === 1;
  }

  cursor(): Promise<number> {
    const row = this.#db.prepare<[], { seq: number }>('SELECT seq FROM qms_cursor').get();
    return Promise.resolve(row?.seq ?? 0);
  }

  saveCursor(seq: number): Promise<void> {
    this.#db.prepare('UPDATE qms_cursor SET seq = MAX(seq, ?)').run(seq);
    return Promise.resolve();
  }
}
