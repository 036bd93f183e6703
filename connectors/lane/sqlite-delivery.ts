// One delivery of the embedded lane. Settling is a single SQLite statement (or transaction),
// so "the dead letter is durable before the original is acknowledged" holds by atomicity: both
// happen in one transaction or neither does.
import type { Database, Statement } from 'better-sqlite3';
import type { AnyBusinessEvent, DeadLetterReason, LaneDelivery } from '../../contracts/index.ts';
import { plainReason, type DeadLetterRecord } from './event-codec.ts';

export class SqliteLaneStatements {
  readonly ack: Statement<[string, number]>;
  readonly retry: Statement<[number, string, number]>;
  readonly deadLetter: Statement<[string, number, string, number, string, number]>;
  readonly db: Database;

  constructor(db: Database) {
    this.db = db;
    this.ack = db.prepare('DELETE FROM lane_pending WHERE consumer = ? AND seq = ?');
    this.retry = db.prepare(
      'UPDATE lane_pending SET available_at = ? WHERE consumer = ? AND seq = ?',
    );
    this.deadLetter = db.prepare(
      `INSERT OR IGNORE INTO lane_dead_letters
         (consumer, source_seq, reason_code, attempts, record, dead_lettered_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Writes the dead letter and removes the pending row in one transaction. */
  writeDeadLetter(record: DeadLetterRecord): void {
    this.db.transaction(() => {
      this.deadLetter.run(
        record.consumer,
        record.sourceSequence,
        record.reason.code,
        record.attempts,
        JSON.stringify(record),
        Date.now(),
      );
      this.ack.run(record.consumer, record.sourceSequence);
    })();
  }
}

export class SqliteDelivery implements LaneDelivery {
  readonly event: AnyBusinessEvent;
  readonly attempt: number;
  readonly #statements: SqliteLaneStatements;
  readonly #consumer: string;
  readonly #sequence: number;
  #settled = false;

  constructor(
    statements: SqliteLaneStatements,
    consumer: string,
    sequence: number,
    event: AnyBusinessEvent,
    attempt: number,
  ) {
    this.#statements = statements;
    this.#consumer = consumer;
    this.#sequence = sequence;
    this.event = event;
    this.attempt = attempt;
  }

  get settled(): boolean {
    return this.#settled;
  }

  ack(): Promise<void> {
    this.#settle();
    this.#statements.ack.run(this.#consumer, this.#sequence);
    return Promise.resolve();
  }

  retryLater(delayMs: number): Promise<void> {
    this.#settle();
    const at = Date.now() + Math.max(1, Math.round(delayMs));
    this.#statements.retry.run(at, this.#consumer, this.#sequence);
    return Promise.resolve();
  }

  /** Nothing to extend: the embedded lane has one process, which knows what it holds. */
  working(): Promise<void> {
    return Promise.resolve();
  }

  deadLetter(reason: DeadLetterReason): Promise<void> {
    if (this.#settled) throw new Error('delivery already settled');
    this.#statements.writeDeadLetter({
      consumer: this.#consumer,
      event: this.event,
      reason: plainReason(reason),
      attempts: this.attempt,
      deadLetteredAt: new Date().toISOString(),
      sourceSequence: this.#sequence,
    });
    this.#settled = true;
    return Promise.resolve();
  }

  #settle(): void {
    if (this.#settled) throw new Error('delivery already settled');
    this.#settled = true;
  }
}
