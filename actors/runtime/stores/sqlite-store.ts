// Embedded-mode actor store: one SQLite file (better-sqlite3) holding each actor's snapshot
// with a row version (the fence) and the business outbox, written in one transaction. The
// store's own outbox table keeps every event; a `LaneAppender` (the embedded business lane's
// `appendToLane`, injected by services/) also appends each event to the lane tables of the
// same file inside the same transaction. Must not delete or update outbox or lane rows.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  businessSubject,
  MillwrightError,
  type AnyBusinessEvent,
} from '../../../contracts/index.ts';
import { parseActorKey } from '../actor-key.ts';
import type { ActorRecord, ActorStore, StoredActor } from '../ports.ts';

/** Schema documented in docs/actors.md ("Embedded store"); change it only with a migration. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS actor_snapshot (
  actor_key    TEXT PRIMARY KEY,
  plant        TEXT NOT NULL,
  work_center  TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  state        TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS business_outbox (
  position     INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id     TEXT NOT NULL UNIQUE,
  plant        TEXT NOT NULL,
  work_center  TEXT NOT NULL,
  sequence     INTEGER NOT NULL,
  type         TEXT NOT NULL,
  subject      TEXT NOT NULL,
  event        TEXT NOT NULL,
  committed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS business_outbox_wc ON business_outbox (plant, work_center, sequence);
`;

/**
 * Appends committed events to a lane living in the same SQLite file, inside the store's commit
 * transaction (state and events commit together: no event is lost after a crash, none
 * published for a state that was not committed).
 */
export interface LaneAppender {
  /** Creates the lane's tables on the store's connection if missing. */
  prepare(db: Database.Database): void;
  /** Synchronous; insert-or-ignore by eventId. */
  append(db: Database.Database, event: AnyBusinessEvent): unknown;
}

interface SnapshotRow {
  seq: number;
  version: number;
  state: string;
}

export class SqliteActorStore implements ActorStore {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #select: Database.Statement<[string], SnapshotRow>;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #outbox: Database.Statement;
  readonly #commit: (key: string, expected: number, record: ActorRecord) => number;
  /** Outbox rows skipped because the event id was already there (a replayed step). */
  duplicateEvents = 0;

  readonly #lane: LaneAppender | undefined;

  constructor(file: string, lane?: LaneAppender) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    // WAL + NORMAL survives a killed process (not a power cut without the last checkpoint).
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(SCHEMA);
    this.#lane = lane;
    lane?.prepare(this.#db);
    this.#select = this.#db.prepare(
      'SELECT seq, version, state FROM actor_snapshot WHERE actor_key = ?',
    );
    this.#insert = this.#db.prepare(
      `INSERT OR IGNORE INTO actor_snapshot (actor_key, plant, work_center, seq, version, state, updated_at)
       VALUES (@key, @plant, @workCenter, @seq, 1, @state, @now)`,
    );
    this.#update = this.#db.prepare(
      `UPDATE actor_snapshot SET seq = @seq, version = version + 1, state = @state, updated_at = @now
       WHERE actor_key = @key AND version = @expected`,
    );
    this.#outbox = this.#db.prepare(
      `INSERT OR IGNORE INTO business_outbox (event_id, plant, work_center, sequence, type, subject, event, committed_at)
       VALUES (@eventId, @plant, @workCenter, @sequence, @type, @subject, @event, @now)`,
    );
    this.#commit = this.#db.transaction((key: string, expected: number, record: ActorRecord) => {
      const { plant, workCenter } = parseActorKey(key);
      const now = new Date().toISOString();
      const row = {
        key,
        plant,
        workCenter,
        seq: record.seq,
        state: JSON.stringify(record.state),
        now,
        expected,
      };
      const changed =
        expected === 0 ? this.#insert.run(row).changes : this.#update.run(row).changes;
      if (changed !== 1) {
        throw new MillwrightError('MW_ACTOR_FENCED', `actor ${key} was committed elsewhere`, {
          key,
          expectedVersion: expected,
        });
      }
      for (const event of record.outbox) this.#writeEvent(event, now);
      return expected + 1;
    });
  }

  #writeEvent(event: AnyBusinessEvent, now: string): void {
    const result = this.#outbox.run({
      eventId: event.eventId,
      plant: event.plant,
      workCenter: event.workCenter,
      sequence: event.sequence,
      type: event.type,
      subject: businessSubject(event.plant, event.workCenter, event.type),
      event: JSON.stringify(event),
      now,
    });
    if (result.changes === 0) this.duplicateEvents++;
    this.#lane?.append(this.#db, event);
  }

  load(key: string): Promise<StoredActor | undefined> {
    try {
      const row = this.#select.get(key);
      if (row === undefined) return Promise.resolve(undefined);
      return Promise.resolve({
        seq: row.seq,
        version: row.version,
        state: JSON.parse(row.state) as unknown,
        outbox: [],
      });
    } catch (cause) {
      return Promise.reject(this.#unavailable(key, cause));
    }
  }

  commit(key: string, expectedVersion: number, record: ActorRecord): Promise<number> {
    try {
      return Promise.resolve(this.#commit(key, expectedVersion, record));
    } catch (error) {
      if (error instanceof MillwrightError) return Promise.reject(error);
      return Promise.reject(this.#unavailable(key, error));
    }
  }

  keys(): Promise<string[]> {
    const rows = this.#db
      .prepare('SELECT actor_key FROM actor_snapshot ORDER BY actor_key')
      .all() as { actor_key: string }[];
    return Promise.resolve(rows.map((r) => r.actor_key));
  }

  /** Outbox rows in lane order, for tests and the embedded lane's first read. */
  outboxEvents(): AnyBusinessEvent[] {
    const rows = this.#db.prepare('SELECT event FROM business_outbox ORDER BY position').all() as {
      event: string;
    }[];
    return rows.map((r) => JSON.parse(r.event) as AnyBusinessEvent);
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }

  #unavailable(key: string, cause: unknown): MillwrightError {
    return new MillwrightError(
      'MW_ACTOR_STORE_UNAVAILABLE',
      `actor store (sqlite) failed for ${key}`,
      { key },
      { cause },
    );
  }
}
