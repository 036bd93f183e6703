// The tables of the embedded business lane (one SQLite file, one process). The lane owns them;
// an actor host that keeps its state in the same file may append events inside its own state
// transaction with `appendToLane` (a true outbox: the state and its events commit together).
import type { Database, Statement } from 'better-sqlite3';
import { AnyBusinessEvent, parseWith, type PublishResult } from '../../contracts/index.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lane_events (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id     TEXT NOT NULL UNIQUE,
  type         TEXT NOT NULL,
  wc_key       TEXT NOT NULL,
  body         TEXT NOT NULL,
  published_at INTEGER NOT NULL
);
-- The trace looks events up by correlation id.
CREATE INDEX IF NOT EXISTS lane_events_correlation
  ON lane_events (json_extract(body, '$.correlationId'));
CREATE TABLE IF NOT EXISTS lane_consumers (
  name   TEXT PRIMARY KEY,
  types  TEXT NOT NULL,
  cursor INTEGER NOT NULL
);
-- Events a consumer has seen but not settled: waiting, in its handler, or waiting to retry.
CREATE TABLE IF NOT EXISTS lane_pending (
  consumer     TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  wc_key       TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  available_at INTEGER NOT NULL,
  PRIMARY KEY (consumer, seq)
);
CREATE INDEX IF NOT EXISTS lane_pending_order ON lane_pending (consumer, wc_key, seq);
CREATE TABLE IF NOT EXISTS lane_dead_letters (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  consumer         TEXT NOT NULL,
  source_seq       INTEGER NOT NULL,
  reason_code      TEXT NOT NULL,
  attempts         INTEGER NOT NULL,
  record           TEXT NOT NULL,
  dead_lettered_at INTEGER NOT NULL,
  UNIQUE (consumer, source_seq)
);
`;

/** Creates the lane tables if missing; safe to call from every connection. */
export function ensureLaneSchema(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
}

/** One prepared insert per connection. */
const inserts = new WeakMap<Database, Statement>();

/**
 * Appends one event unless its eventId is already in the lane (insert-or-ignore): the SQLite
 * counterpart of JetStream's Nats-Msg-Id de-duplication. Synchronous, so it can run inside a
 * caller's `db.transaction(...)` on the same file.
 */
export function appendToLane(db: Database, event: AnyBusinessEvent): PublishResult {
  const valid = parseWith(AnyBusinessEvent, event, 'business event envelope');
  let insert = inserts.get(db);
  if (insert === undefined) {
    insert = db.prepare(
      `INSERT OR IGNORE INTO lane_events (event_id, type, wc_key, body, published_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    inserts.set(db, insert);
  }
  const result = insert.run(
    valid.eventId,
    valid.type,
    `${valid.plant}/${valid.workCenter}`,
    JSON.stringify(valid),
    Date.now(),
  );
  return { duplicate: result.changes === 0 };
}
