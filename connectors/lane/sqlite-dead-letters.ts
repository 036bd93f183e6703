// Dead letters of the embedded lane: rows of lane_dead_letters, oldest first.
import type { Database } from 'better-sqlite3';
import { decodeDeadLetter } from './event-codec.ts';
import type { DeadLetterEntry, DeadLetterStore } from './lane.ts';

interface Row {
  readonly id: number;
  readonly record: string;
}

export class SqliteDeadLetters implements DeadLetterStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  list(consumer: string, limit = 100): Promise<DeadLetterEntry[]> {
    const rows = this.#db
      .prepare<[string, number], Row>(
        'SELECT id, record FROM lane_dead_letters WHERE consumer = ? ORDER BY id LIMIT ?',
      )
      .all(consumer, limit);
    return Promise.resolve(rows.map((row) => decodeDeadLetter(row.id, row.record)));
  }

  get(id: number): Promise<DeadLetterEntry | undefined> {
    const row = this.#db
      .prepare<[number], Row>('SELECT id, record FROM lane_dead_letters WHERE id = ?')
      .get(id);
    return Promise.resolve(row === undefined ? undefined : decodeDeadLetter(row.id, row.record));
  }

  remove(id: number): Promise<boolean> {
    const result = this.#db.prepare('DELETE FROM lane_dead_letters WHERE id = ?').run(id);
    return Promise.resolve(result.changes > 0);
  }
}
