// The quarantine: rejected input kept with its MW_* code and reason in SQLite, so that after
// the fix (template, publisher) it can be replayed. It stores and replays bytes; it does not
// decide what is bad.
import Database from 'better-sqlite3';

export interface QuarantinedInput {
  readonly id: number;
  readonly source: string;
  /** MQTT topic, OPC UA node id, ... where the input arrived. */
  readonly address: string;
  readonly code: string;
  readonly reason: string;
  readonly payload: Uint8Array;
  readonly receivedAtMs: number;
}

export type NewQuarantinedInput = Omit<QuarantinedInput, 'id'>;

/** Where adapters put what they reject; the SQLite store implements it. */
export interface Quarantine {
  put(input: NewQuarantinedInput): void;
}

interface Row {
  id: number;
  source: string;
  address: string;
  code: string;
  reason: string;
  payload: Buffer;
  received_at_ms: number;
}

export class QuarantineStore implements Quarantine {
  readonly #db: Database.Database;

  /** `file` may be ':memory:'; a file keeps the quarantine across restarts. */
  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS quarantine (
      id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, address TEXT NOT NULL,
      code TEXT NOT NULL, reason TEXT NOT NULL, payload BLOB NOT NULL,
      received_at_ms INTEGER NOT NULL)`);
  }

  put(input: NewQuarantinedInput): void {
    this.#db
      .prepare(
        'INSERT INTO quarantine (source, address, code, reason, payload, received_at_ms) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        input.source,
        input.address,
        input.code,
        input.reason,
        Buffer.from(input.payload),
        input.receivedAtMs,
      );
  }

  list(filter: { source?: string; code?: string } = {}): QuarantinedInput[] {
    const rows = this.#db
      .prepare(
        'SELECT * FROM quarantine WHERE (@source IS NULL OR source = @source) AND (@code IS NULL OR code = @code) ORDER BY id',
      )
      .all({ source: filter.source ?? null, code: filter.code ?? null }) as Row[];
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      address: r.address,
      code: r.code,
      reason: r.reason,
      payload: new Uint8Array(r.payload),
      receivedAtMs: r.received_at_ms,
    }));
  }

  countByCode(): Record<string, number> {
    const rows = this.#db
      .prepare('SELECT code, COUNT(*) AS n FROM quarantine GROUP BY code')
      .all() as { code: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.code, r.n]));
  }

  /**
   * Hands each kept input (of one source, or all) to `ingest` in arrival order; an input that
   * `ingest` accepts (returns true) leaves the quarantine, one it rejects again stays.
   */
  replay(ingest: (input: QuarantinedInput) => boolean, source?: string): number {
    let replayed = 0;
    const remove = this.#db.prepare('DELETE FROM quarantine WHERE id = ?');
    for (const input of this.list(source === undefined ? {} : { source })) {
      if (ingest(input)) {
        remove.run(input.id);
        replayed += 1;
      }
    }
    return replayed;
  }

  close(): void {
    this.#db.close();
  }
}
