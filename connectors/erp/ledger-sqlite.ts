// The posting ledger of embedded mode: a SQLite table with a revision column; the unique row
// per event id and `UPDATE ... WHERE revision = ?` give the same guarantees as JetStream KV.
import type { Database } from 'better-sqlite3';
import {
  documentMatches,
  type PostingLedger,
  type PostingRecord,
  type VersionedRecord,
} from './posting-ledger.ts';

export class SqlitePostingLedger implements PostingLedger {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS erp_postings (
      event_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT NOT NULL,
      record TEXT NOT NULL)`);
  }

  get(eventId: string): Promise<VersionedRecord | undefined> {
    const row = this.#db
      .prepare<[string], { revision: number; record: string }>(
        'SELECT revision, record FROM erp_postings WHERE event_id = ?',
      )
      .get(eventId);
    return Promise.resolve(
      row === undefined
        ? undefined
        : { revision: row.revision, record: JSON.parse(row.record) as PostingRecord },
    );
  }

  create(record: PostingRecord): Promise<number | undefined> {
    const result = this.#db
      .prepare('INSERT OR IGNORE INTO erp_postings VALUES (?, 1, ?, ?)')
      .run(record.eventId, record.state, JSON.stringify(record));
    return Promise.resolve(result.changes === 1 ? 1 : undefined);
  }

  update(record: PostingRecord, revision: number): Promise<number | undefined> {
    const result = this.#db
      .prepare(
        `UPDATE erp_postings SET revision = revision + 1, state = ?, record = ?
         WHERE event_id = ? AND revision = ?`,
      )
      .run(record.state, JSON.stringify(record), record.eventId, revision);
    return Promise.resolve(result.changes === 1 ? revision + 1 : undefined);
  }

  findByDocument(document: string): Promise<PostingRecord | undefined> {
    const rows = this.#db
      .prepare<[string, string], { record: string }>(
        `SELECT p.record FROM erp_postings p, json_each(json_extract(p.record, '$.documents')) d
         WHERE d.value = ? OR d.value LIKE ? || '/%' LIMIT 10`,
      )
      .all(document, document);
    const records = rows.map((row) => JSON.parse(row.record) as PostingRecord);
    return Promise.resolve(
      records.find((r) => r.documents.some((stored) => documentMatches(stored, document))),
    );
  }
}
