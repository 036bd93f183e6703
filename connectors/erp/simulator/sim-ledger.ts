// The simulator's books: master data (materials, closed periods), confirmations, material
// documents with their items, and the repeatability memory. SQLite, in memory by default or in
// a file for `millwright erp-sim --db`. Nothing here knows HTTP.
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS materials (material TEXT PRIMARY KEY, locked_by TEXT);
CREATE TABLE IF NOT EXISTS closed_periods (period TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS confirmation_groups (
  order_id TEXT NOT NULL, operation TEXT NOT NULL, group_no TEXT NOT NULL,
  PRIMARY KEY (order_id, operation));
CREATE TABLE IF NOT EXISTS confirmations (
  group_no TEXT NOT NULL, count_no TEXT NOT NULL, reference TEXT NOT NULL,
  body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (group_no, count_no));
CREATE INDEX IF NOT EXISTS confirmations_reference ON confirmations (reference);
CREATE TABLE IF NOT EXISTS material_documents (
  doc TEXT NOT NULL, year TEXT NOT NULL, reference TEXT NOT NULL,
  body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (doc, year));
CREATE INDEX IF NOT EXISTS material_documents_reference ON material_documents (reference);
CREATE TABLE IF NOT EXISTS stock_moves (
  doc TEXT NOT NULL, year TEXT NOT NULL, item TEXT NOT NULL, material TEXT NOT NULL,
  plant TEXT NOT NULL, batch TEXT NOT NULL, stock_type TEXT NOT NULL, quantity REAL NOT NULL);
CREATE TABLE IF NOT EXISTS repeatability (
  request_id TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL);
`;

export interface StockMove {
  readonly doc: string;
  readonly year: string;
  readonly item: string;
  readonly material: string;
  readonly plant: string;
  readonly batch: string;
  readonly stockType: string;
  readonly quantity: number;
}

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export class SimLedger {
  readonly db: SqliteDatabase;
  readonly #statements = new Map<string, Statement>();

  constructor(path = ':memory:') {
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  /** Prepared once per SQL text: the simulator should not be the slowest part of a benchmark. */
  #sql<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  next(counter: string): number {
    const row = this.#sql<[string], { value: number }>(
      `INSERT INTO counters (name, value) VALUES (?, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    ).get(counter);
    return row?.value ?? 1;
  }

  addMaterial(material: string, lockedBy?: string): void {
    this.#sql('INSERT OR REPLACE INTO materials (material, locked_by) VALUES (?, ?)').run(
      material,
      lockedBy ?? null,
    );
  }

  removeMaterial(material: string): void {
    this.#sql('DELETE FROM materials WHERE material = ?').run(material);
  }

  /** undefined: unknown; null: known and free; a string: locked by that user. */
  material(material: string): string | null | undefined {
    const row = this.#sql<[string], { locked_by: string | null }>(
      'SELECT locked_by FROM materials WHERE material = ?',
    ).get(material);
    return row === undefined ? undefined : row.locked_by;
  }

  setPeriodClosed(period: string, closed: boolean): void {
    if (closed) this.#sql('INSERT OR IGNORE INTO closed_periods VALUES (?)').run(period);
    else this.#sql('DELETE FROM closed_periods WHERE period = ?').run(period);
  }

  isPeriodClosed(period: string): boolean {
    return this.#sql('SELECT 1 FROM closed_periods WHERE period = ?').get(period) !== undefined;
  }

  confirmationGroup(orderId: string, operation: string): string {
    const found = this.#sql<[string, string], { group_no: string }>(
      'SELECT group_no FROM confirmation_groups WHERE order_id = ? AND operation = ?',
    ).get(orderId, operation);
    if (found !== undefined) return found.group_no;
    const group = String(this.next('confirmation-group')).padStart(10, '0');
    this.#sql('INSERT INTO confirmation_groups VALUES (?, ?, ?)').run(orderId, operation, group);
    return group;
  }

  insertConfirmation(group: string, count: string, reference: string, body: unknown): void {
    this.#sql('INSERT INTO confirmations VALUES (?, ?, ?, ?, ?)').run(
      group,
      count,
      reference,
      JSON.stringify(body),
      Date.now(),
    );
  }

  insertMaterialDocument(doc: string, year: string, reference: string, body: unknown): void {
    this.#sql('INSERT INTO material_documents VALUES (?, ?, ?, ?, ?)').run(
      doc,
      year,
      reference,
      JSON.stringify(body),
      Date.now(),
    );
  }

  insertStockMove(move: StockMove): void {
    this.#sql('INSERT INTO stock_moves VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      move.doc,
      move.year,
      move.item,
      move.material,
      move.plant,
      move.batch,
      move.stockType,
      move.quantity,
    );
  }

  /** Documents (as posted bodies) whose reference field equals `reference`. */
  findByReference(table: 'confirmations' | 'material_documents', reference: string): unknown[] {
    return this.#sql<[string], { body: string }>(
      `SELECT body FROM ${table} WHERE reference = ? ORDER BY created_at`,
    )
      .all(reference)
      .map((row) => JSON.parse(row.body) as unknown);
  }

  all(table: 'confirmations' | 'material_documents'): unknown[] {
    return this.#sql<[], { body: string }>(`SELECT body FROM ${table} ORDER BY created_at`)
      .all()
      .map((row) => JSON.parse(row.body) as unknown);
  }

  /** Number of documents per reference text, both kinds together. */
  referenceCounts(): Map<string, number> {
    const rows = this.#sql<[], { reference: string; n: number }>(
      `SELECT reference, COUNT(*) AS n FROM (
           SELECT reference FROM confirmations UNION ALL SELECT reference FROM material_documents)
         GROUP BY reference`,
    ).all();
    return new Map(rows.map((row) => [row.reference, row.n]));
  }

  count(table: 'confirmations' | 'material_documents'): number {
    return this.#sql<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0;
  }

  stock(material: string, plant?: string, batch?: string): Record<string, number> {
    const rows = this.#sql<
      [{ material: string; plant: string | null; batch: string | null }],
      { stock_type: string; q: number }
    >(
      `SELECT stock_type, SUM(quantity) AS q FROM stock_moves
         WHERE material = @material AND (@plant IS NULL OR plant = @plant)
           AND (@batch IS NULL OR batch = @batch)
         GROUP BY stock_type`,
    ).all({ material, plant: plant ?? null, batch: batch ?? null });
    const stock: Record<string, number> = { unrestricted: 0, qualityInspection: 0, blocked: 0 };
    for (const row of rows) stock[row.stock_type] = row.q;
    return stock;
  }

  rememberResponse(requestId: string, response: StoredResponse): void {
    this.#sql('INSERT OR IGNORE INTO repeatability VALUES (?, ?, ?)').run(
      requestId,
      response.status,
      JSON.stringify(response.body),
    );
  }

  rememberedResponse(requestId: string): StoredResponse | undefined {
    const row = this.#sql<[string], { status: number; body: string }>(
      'SELECT status, body FROM repeatability WHERE request_id = ?',
    ).get(requestId);
    return row === undefined ? undefined : { status: row.status, body: JSON.parse(row.body) };
  }
}
