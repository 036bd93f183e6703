// The business lane of embedded mode: one SQLite file under the data folder, the same
// semantics as the JetStream lane (de-duplication by eventId, durable consumers with explicit
// settlement, delayed retries, dead letters). One process owns the file's consumers.
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import {
  MillwrightError,
  type AnyBusinessEvent,
  type LaneDelivery,
  type LaneSubscription,
  type PublishResult,
} from '../../contracts/index.ts';
import { silentLogger, type ConnectorLogger } from '../logger.ts';
import { SqliteLaneStatements } from './sqlite-delivery.ts';
import { SqliteDeadLetters } from './sqlite-dead-letters.ts';
import { appendToLane, ensureLaneSchema } from './sqlite-lane-schema.ts';
import { SqliteSubscription } from './sqlite-subscription.ts';
import { decodeEvent } from './event-codec.ts';
import { assertConsumerName, type BusinessLane, type LaneQuery } from './lane.ts';

export interface SqliteLaneOptions {
  /** Look for new or due events at least this often (local publishes wake at once). Default 200. */
  readonly pollIntervalMs?: number;
  /** Events in handlers at once per consumer (at most one per work center). Default 16. */
  readonly concurrency?: number;
  /** Settled events older than this are pruned. Default 7 days. */
  readonly retentionMs?: number;
  readonly logger?: ConnectorLogger;
}

export class SqliteLane implements BusinessLane {
  readonly kind = 'sqlite';
  readonly deadLetters: SqliteDeadLetters;
  readonly #db: SqliteDatabase;
  readonly #ownsDb: boolean;
  readonly #options: SqliteLaneOptions;
  readonly #statements: SqliteLaneStatements;
  readonly #subscriptions = new Set<SqliteSubscription>();
  readonly #prune: Statement<[number]>;
  readonly #pruneTimer: NodeJS.Timeout;

  constructor(db: SqliteDatabase, options: SqliteLaneOptions = {}, ownsDb = false) {
    ensureLaneSchema(db);
    this.#db = db;
    this.#ownsDb = ownsDb;
    this.#options = options;
    this.#statements = new SqliteLaneStatements(db);
    this.deadLetters = new SqliteDeadLetters(db);
    this.#prune = db.prepare(
      `DELETE FROM lane_events WHERE published_at < ?
         AND seq <= (SELECT MIN(cursor) FROM lane_consumers)
         AND seq NOT IN (SELECT seq FROM lane_pending)`,
    );
    this.#pruneTimer = setInterval(() => {
      this.pruneSettled();
    }, 60_000);
    this.#pruneTimer.unref();
  }

  /** Opens (creating if needed) the lane file at `path`; the lane closes it on close(). */
  static open(path: string, options: SqliteLaneOptions = {}): SqliteLane {
    return new SqliteLane(new Database(path), options, true);
  }

  publish(event: AnyBusinessEvent): Promise<PublishResult> {
    let result: PublishResult;
    try {
      result = appendToLane(this.#db, event);
    } catch (cause) {
      if (cause instanceof MillwrightError) return Promise.reject(cause);
      return Promise.reject(
        new MillwrightError(
          'MW_LANE_UNAVAILABLE',
          'the embedded lane did not store the event',
          {
            eventId: event.eventId,
          },
          { cause },
        ),
      );
    }
    if (!result.duplicate) for (const s of this.#subscriptions) s.wake();
    return Promise.resolve(result);
  }

  consume(
    name: string,
    types: readonly string[],
    handler: (delivery: LaneDelivery) => Promise<void>,
  ): Promise<LaneSubscription> {
    assertConsumerName(name);
    const subscription = new SqliteSubscription({
      db: this.#db,
      statements: this.#statements,
      name,
      types: [...types],
      handler,
      pollIntervalMs: this.#options.pollIntervalMs ?? 200,
      concurrency: this.#options.concurrency ?? 16,
      logger: this.#options.logger ?? silentLogger,
    });
    this.#subscriptions.add(subscription);
    return Promise.resolve({
      stop: async () => {
        this.#subscriptions.delete(subscription);
        await subscription.stop();
      },
    });
  }

  find(query: LaneQuery): Promise<AnyBusinessEvent[]> {
    const limit = query.limit ?? 1_000;
    const rows =
      query.correlationId !== undefined
        ? this.#db
            .prepare<[string, number], { body: string }>(
              `SELECT body FROM lane_events WHERE json_extract(body, '$.correlationId') = ?
               ORDER BY seq LIMIT ?`,
            )
            .all(query.correlationId, limit)
        : this.#db
            .prepare<[string, number], { body: string }>(
              `SELECT body FROM lane_events WHERE event_id IN (SELECT value FROM json_each(?))
               ORDER BY seq LIMIT ?`,
            )
            .all(JSON.stringify(query.eventIds ?? []), limit);
    const events = rows.map((row) => decodeEvent(row.body));
    return Promise.resolve(
      query.correlationId !== undefined && query.eventIds !== undefined
        ? events.filter((e) => query.eventIds?.includes(e.eventId))
        : events,
    );
  }

  /** Removes settled events past the retention; returns how many. */
  pruneSettled(now = Date.now()): number {
    return this.#prune.run(now - (this.#options.retentionMs ?? 7 * 24 * 3_600_000)).changes;
  }

  async close(): Promise<void> {
    clearInterval(this.#pruneTimer);
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
    this.#subscriptions.clear();
    if (this.#ownsDb) this.#db.close();
  }
}
