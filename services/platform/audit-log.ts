// The append-only audit log: replays, approvals, quality decisions, master-data changes and
// every mutating or refused API call. Each entry carries the SHA-256 of the previous one, so
// removing, reordering or editing any entry breaks the chain and `verify()` names where.
// SQLite triggers refuse UPDATE and DELETE; the chain catches what bypasses them.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

export interface AuditRecord {
  /** Who: an API key id, a JWT subject, "repl:<user>", "system". */
  readonly actor: string;
  /** What was asked, e.g. "erp.connector.replay", "masterdata.load", "POST /api/v1/orders". */
  readonly action: string;
  /** The object acted on (event id, order, plant). */
  readonly target: string;
  /** "ok", "refused" (401/403/429), or "failed: MW_..." */
  readonly outcome: string;
  readonly correlationId?: string;
  readonly details?: unknown;
}

export interface AuditEntry extends AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditVerification =
  | { readonly ok: true; readonly entries: number }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly brokenAt: number;
      readonly reason: string;
    };

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level, so a hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

function entryHash(prevHash: string, seq: number, at: string, record: AuditRecord): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ seq, at, ...record }))
    .digest('hex');
}

interface Row {
  seq: number;
  at: string;
  body: string;
  prev_hash: string;
  hash: string;
}

export class AuditLog {
  readonly #db: Database.Database;

  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
      CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`);
  }

  append(record: AuditRecord, now: Date = new Date()): AuditEntry {
    return this.#db.transaction(() => {
      const last = this.#db
        .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
        .get() as { seq: number; hash: string } | undefined;
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS;
      const at = now.toISOString();
      const hash = entryHash(prevHash, seq, at, record);
      this.#db
        .prepare('INSERT INTO audit_log (seq, at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?)')
        .run(seq, at, canonicalJson(record), prevHash, hash);
      return { ...record, seq, at, prevHash, hash };
    })();
  }

  /** Entries in order, newest last; `sinceSeq` pages forward. */
  list(sinceSeq = 0, limit = 100): AuditEntry[] {
    const rows = this.#db
      .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(sinceSeq, limit) as Row[];
    return rows.map(toEntry);
  }

  /** Entries of one correlation id, oldest first (the trace shows them). */
  forCorrelation(correlationId: string, limit = 100): AuditEntry[] {
    const rows = this.#db
      .prepare(
        "SELECT * FROM audit_log WHERE json_extract(body, '$.correlationId') = ? ORDER BY seq LIMIT ?",
      )
      .all(correlationId, limit) as Row[];
    return rows.map(toEntry);
  }

  /** Walks the whole chain; the first entry whose hash or link does not match is reported. */
  verify(): AuditVerification {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let entries = 0;
    for (const row of this.#db
      .prepare('SELECT * FROM audit_log ORDER BY seq')
      .iterate() as IterableIterator<Row>) {
      const entry = toEntry(row);
      if (row.seq !== expectedSeq)
        return {
          ok: false,
          entries,
          brokenAt: expectedSeq,
          reason: `entry ${expectedSeq} is missing`,
        };
      if (row.prev_hash !== prevHash)
        return {
          ok: false,
          entries,
          brokenAt: row.seq,
          reason: 'link to the previous entry does not match',
        };
      const { seq, at, prevHash: _p, hash: _h, ...record } = entry;
      if (entryHash(prevHash, seq, at, record) !== row.hash)
        return { ok: false, entries, brokenAt: row.seq, reason: 'content does not match its hash' };
      prevHash = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
    return { ok: true, entries };
  }

  close(): void {
    this.#db.close();
  }
}

function toEntry(row: Row): AuditEntry {
  return {
    ...(JSON.parse(row.body) as AuditRecord),
    seq: row.seq,
    at: row.at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
