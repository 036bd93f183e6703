// The QMS simulator's books: inspection lots (one per Idempotency-Key) and usage decisions
// (one per lot, numbered by a feed sequence). SQLite, in memory by default. Nothing here knows
// HTTP; the simulator validates before it writes.
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type {
  InspectionLot,
  InspectionLotCreate,
  UsageDecision,
  UsageDecisionCreate,
} from '../qms-api.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS inspection_lots (
  lot TEXT PRIMARY KEY, idempotency_key TEXT UNIQUE, body TEXT NOT NULL,
  status TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS usage_decisions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, lot TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
`;

interface LotRow {
  readonly lot: string;
  readonly body: string;
  readonly status: InspectionLot['status'];
  readonly created_at: number;
}

export class QmsBooks {
  readonly db: SqliteDatabase;

  constructor(path = ':memory:') {
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  byKey(idempotencyKey: string): InspectionLot | undefined {
    const row = this.db
      .prepare<[string], LotRow>('SELECT * FROM inspection_lots WHERE idempotency_key = ?')
      .get(idempotencyKey);
    return row === undefined ? undefined : toLot(row);
  }

  lot(lot: string): InspectionLot | undefined {
    const row = this.db
      .prepare<[string], LotRow>('SELECT * FROM inspection_lots WHERE lot = ?')
      .get(lot);
    return row === undefined ? undefined : toLot(row);
  }

  /** A new lot, numbered 89 + ten digits like an SAP QM inspection lot. */
  createLot(
    input: InspectionLotCreate,
    idempotencyKey: string | undefined,
    now: Date,
  ): InspectionLot {
    const count = this.db
      .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM inspection_lots')
      .get();
    const lot = `89${String((count?.n ?? 0) + 1).padStart(10, '0')}`;
    this.db
      .prepare('INSERT INTO inspection_lots VALUES (?, ?, ?, ?, ?)')
      .run(lot, idempotencyKey ?? null, JSON.stringify(input), 'open', now.getTime());
    return { ...input, inspectionLot: lot, status: 'open', createdAt: now.toISOString() };
  }

  /** Records the usage decision of an open lot; undefined when the lot was decided already. */
  decide(lot: string, input: UsageDecisionCreate, now: Date): UsageDecision | undefined {
    return this.db.transaction(() => {
      const status = input.decision === 'accept' ? 'accepted' : 'rejected';
      const changed = this.db
        .prepare("UPDATE inspection_lots SET status = ? WHERE lot = ? AND status = 'open'")
        .run(status, lot).changes;
      if (changed === 0) return undefined;
      const body = {
        inspectionLot: lot,
        decision: status,
        disposition: status === 'rejected' ? (input.disposition ?? 'blocked') : null,
        reason: input.reason ?? '',
        decidedBy: input.decidedBy ?? 'QMS',
        decidedAt: now.toISOString(),
      } as const;
      const seq = this.db
        .prepare('INSERT INTO usage_decisions (lot, body) VALUES (?, ?)')
        .run(lot, JSON.stringify(body)).lastInsertRowid;
      return { seq: Number(seq), ...body };
    })();
  }

  decisionsAfter(after: number, limit: number): UsageDecision[] {
    return this.db
      .prepare<[number, number], { seq: number; body: string }>(
        'SELECT seq, body FROM usage_decisions WHERE seq > ? ORDER BY seq LIMIT ?',
      )
      .all(after, limit)
      .map((row) => ({ seq: row.seq, ...(JSON.parse(row.body) as Omit<UsageDecision, 'seq'>) }));
  }

  /** Open lots created at or before `createdBefore` (epoch ms), oldest first. */
  openLots(createdBefore: number): string[] {
    return this.db
      .prepare<[number], { lot: string }>(
        "SELECT lot FROM inspection_lots WHERE status = 'open' AND created_at <= ? ORDER BY lot",
      )
      .all(createdBefore)
      .map((row) => row.lot);
  }

  count(table: 'inspection_lots' | 'usage_decisions'): number {
    return this.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0;
  }
}

function toLot(row: LotRow): InspectionLot {
  const input = JSON.parse(row.body) as InspectionLotCreate;
  return {
    ...input,
    inspectionLot: row.lot,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
