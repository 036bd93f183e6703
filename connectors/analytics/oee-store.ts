// What the analytics connector keeps (SQLite): the facts it consumed, one row per event id so a
// redelivery changes nothing (runs from confirmations, downtimes), and the OEE result of every
// work center and shift it computed. Results are recomputed from facts, never incremented.
import type { Database } from 'better-sqlite3';
import type { DowntimeFact, RunFact, ShiftOee } from './shift-oee.ts';

export interface ShiftKey {
  readonly plant: string;
  readonly workCenter: string;
  readonly date: string;
  readonly shift: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS analytics_runs (
  event_id TEXT PRIMARY KEY, plant TEXT NOT NULL, wc TEXT NOT NULL,
  start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS analytics_runs_time ON analytics_runs (plant, wc, start_ms);
CREATE TABLE IF NOT EXISTS analytics_downtimes (
  event_id TEXT PRIMARY KEY, plant TEXT NOT NULL, wc TEXT NOT NULL,
  start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS analytics_downtimes_time ON analytics_downtimes (plant, wc, start_ms);
CREATE TABLE IF NOT EXISTS analytics_oee (
  plant TEXT NOT NULL, wc TEXT NOT NULL, date TEXT NOT NULL, shift TEXT NOT NULL,
  body TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (plant, wc, date, shift));
`;

type FactTable = 'analytics_runs' | 'analytics_downtimes';

export class SqliteOeeStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
  }

  /** False when the event was recorded before (a redelivery). */
  addRun(plant: string, workCenter: string, run: RunFact): boolean {
    return this.#add('analytics_runs', plant, workCenter, run);
  }

  addDowntime(plant: string, workCenter: string, downtime: DowntimeFact): boolean {
    return this.#add('analytics_downtimes', plant, workCenter, downtime);
  }

  runs(plant: string, workCenter: string, fromMs: number, toMs: number): RunFact[] {
    return this.#between<RunFact>('analytics_runs', plant, workCenter, fromMs, toMs);
  }

  downtimes(plant: string, workCenter: string, fromMs: number, toMs: number): DowntimeFact[] {
    return this.#between<DowntimeFact>('analytics_downtimes', plant, workCenter, fromMs, toMs);
  }

  saveResult(result: ShiftOee, now = Date.now()): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO analytics_oee VALUES (?, ?, ?, ?, ?, ?)')
      .run(result.plant, result.workCenter, result.date, result.shift, JSON.stringify(result), now);
  }

  result(key: ShiftKey): ShiftOee | undefined {
    const row = this.#db
      .prepare<[string, string, string, string], { body: string }>(
        'SELECT body FROM analytics_oee WHERE plant = ? AND wc = ? AND date = ? AND shift = ?',
      )
      .get(key.plant, key.workCenter, key.date, key.shift);
    return row === undefined ? undefined : (JSON.parse(row.body) as ShiftOee);
  }

  #add(table: FactTable, plant: string, wc: string, fact: RunFact | DowntimeFact): boolean {
    return (
      this.#db
        .prepare(`INSERT OR IGNORE INTO ${table} VALUES (?, ?, ?, ?, ?, ?)`)
        .run(fact.eventId, plant, wc, fact.startMs, fact.endMs, JSON.stringify(fact)).changes === 1
    );
  }

  /** Facts overlapping [fromMs, toMs); a zero-length fact at fromMs counts. */
  #between<T>(table: FactTable, plant: string, wc: string, fromMs: number, toMs: number): T[] {
    return this.#db
      .prepare<[string, string, number, number], { body: string }>(
        `SELECT body FROM ${table} WHERE plant = ? AND wc = ? AND start_ms < ? AND end_ms >= ?
         ORDER BY start_ms, event_id`,
      )
      .all(plant, wc, toMs, fromMs)
      .map((row) => JSON.parse(row.body) as T);
  }
}
