// One durable consumer of the embedded lane. It polls (and is woken by local publishes), takes
// at most one event per work center at a time, the earliest unsettled one, so a work center's
// events reach the handler in sequence order even across delayed retries and restarts.
import type { Database, Statement } from 'better-sqlite3';
import type { LaneDelivery, LaneSubscription } from '../../contracts/index.ts';
import type { ConnectorLogger } from '../logger.ts';
import { decodeEvent } from './event-codec.ts';
import { SqliteDelivery, type SqliteLaneStatements } from './sqlite-delivery.ts';

export interface SqliteSubscriptionSetup {
  readonly db: Database;
  readonly statements: SqliteLaneStatements;
  readonly name: string;
  readonly types: readonly string[];
  readonly handler: (delivery: LaneDelivery) => Promise<void>;
  readonly pollIntervalMs: number;
  readonly concurrency: number;
  readonly logger: ConnectorLogger;
}

interface ReadyRow {
  readonly seq: number;
  readonly attempts: number;
  readonly body: string;
}

export class SqliteSubscription implements LaneSubscription {
  readonly #setup: SqliteSubscriptionSetup;
  readonly #inFlight = new Map<number, Promise<void>>();
  readonly #materialize: () => void;
  readonly #ready: Statement<[string, number, number], ReadyRow>;
  readonly #bump: Statement<[string, number]>;
  readonly #timer: NodeJS.Timeout;
  #wakeScheduled = false;
  #stopped = false;

  constructor(setup: SqliteSubscriptionSetup) {
    this.#setup = setup;
    const { db, name, types } = setup;
    const typesJson = JSON.stringify(types);
    db.prepare(
      `INSERT INTO lane_consumers (name, types, cursor) VALUES (?, ?, 0)
       ON CONFLICT (name) DO UPDATE SET types = excluded.types`,
    ).run(name, typesJson);
    const copy = db.prepare(
      `INSERT OR IGNORE INTO lane_pending (consumer, seq, wc_key, attempts, available_at)
       SELECT ?, seq, wc_key, 0, 0 FROM lane_events
       WHERE seq > (SELECT cursor FROM lane_consumers WHERE name = ?)
         AND (? = '[]' OR type IN (SELECT value FROM json_each(?)))`,
    );
    const advance = db.prepare(
      `UPDATE lane_consumers SET cursor = (SELECT COALESCE(MAX(seq), 0) FROM lane_events)
       WHERE name = ?`,
    );
    // IMMEDIATE: no publisher can append between the copy and the cursor move.
    const materialize = db.transaction(() => {
      copy.run(name, name, typesJson, typesJson);
      advance.run(name);
    });
    this.#materialize = () => {
      materialize.immediate();
    };
    this.#ready = db.prepare(
      `SELECT p.seq, p.attempts, e.body FROM lane_pending p JOIN lane_events e ON e.seq = p.seq
       WHERE p.consumer = ? AND p.available_at <= ?
         AND NOT EXISTS (SELECT 1 FROM lane_pending q
                         WHERE q.consumer = p.consumer AND q.wc_key = p.wc_key AND q.seq < p.seq)
       ORDER BY p.seq LIMIT ?`,
    );
    this.#bump = db.prepare(
      'UPDATE lane_pending SET attempts = attempts + 1 WHERE consumer = ? AND seq = ?',
    );
    this.#timer = setInterval(() => {
      this.#tick();
    }, setup.pollIntervalMs);
    this.wake();
  }

  /** Look for work soon (a local publish, a settled delivery). */
  wake(): void {
    if (this.#wakeScheduled || this.#stopped) return;
    this.#wakeScheduled = true;
    setImmediate(() => {
      this.#wakeScheduled = false;
      this.#tick();
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await Promise.all([...this.#inFlight.values()]);
  }

  #tick(): void {
    if (this.#stopped) return;
    const free = this.#setup.concurrency - this.#inFlight.size;
    if (free <= 0) return;
    try {
      this.#materialize();
      const rows = this.#ready.all(this.#setup.name, Date.now(), free + this.#inFlight.size);
      for (const row of rows.filter((r) => !this.#inFlight.has(r.seq)).slice(0, free)) {
        this.#bump.run(this.#setup.name, row.seq);
        this.#inFlight.set(row.seq, this.#deliver(row.seq, row.body, row.attempts + 1));
      }
    } catch (error) {
      this.#setup.logger.error({ err: error }, 'embedded lane poll failed; retrying');
    }
  }

  async #deliver(seq: number, body: string, attempt: number): Promise<void> {
    const { statements, name, handler, logger } = this.#setup;
    await Promise.resolve(); // registered in #inFlight before anything below can settle
    try {
      const event = decodeEvent(body);
      const delivery = new SqliteDelivery(statements, name, seq, event, attempt);
      try {
        await handler(delivery);
      } catch (error) {
        logger.error({ err: error, eventId: event.eventId }, 'lane handler failed; retried later');
      }
      if (!delivery.settled) await delivery.retryLater(Math.min(1_000 * 2 ** attempt, 30_000));
    } catch (error) {
      logger.error({ err: error, seq }, 'undecodable event in the embedded lane: dead-lettered');
      statements.writeDeadLetter({
        consumer: name,
        event: null,
        raw: body.slice(0, 65_536),
        reason: { code: 'MW_LANE_UNDECODABLE', message: String(error) },
        attempts: attempt,
        deadLetteredAt: new Date().toISOString(),
        sourceSequence: seq,
      });
    } finally {
      this.#inFlight.delete(seq);
      this.wake();
    }
  }
}
