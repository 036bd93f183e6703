// The orders this plant accepted, keyed by order number, with a hash of their content so a
// repeated release is recognised: the same content is idempotent, different content a conflict.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { ProductionOrder } from '../../contracts/index.ts';

export type BookEntry =
  | { readonly kind: 'new' }
  | { readonly kind: 'same'; readonly dispatched: boolean }
  | { readonly kind: 'conflict' };

export class OrderBook {
  readonly #db: Database.Database;

  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS released_orders (
      plant TEXT NOT NULL, order_id TEXT NOT NULL, content_hash TEXT NOT NULL, body TEXT NOT NULL,
      master_data_version INTEGER NOT NULL, correlation_id TEXT NOT NULL, accepted_at TEXT NOT NULL,
      dispatched_at TEXT, PRIMARY KEY (plant, order_id))`);
  }

  /** Records the order unless it is there already; tells which case it was. */
  accept(
    order: ProductionOrder,
    masterDataVersion: number,
    correlationId: string,
    now: Date,
  ): BookEntry {
    const hash = contentHash(order);
    const existing = this.#db
      .prepare(
        'SELECT content_hash, dispatched_at FROM released_orders WHERE plant = ? AND order_id = ?',
      )
      .get(order.plant, order.order) as
      { content_hash: string; dispatched_at: string | null } | undefined;
    if (existing !== undefined) {
      return existing.content_hash === hash
        ? { kind: 'same', dispatched: existing.dispatched_at !== null }
        : { kind: 'conflict' };
    }
    this.#db
      .prepare(
        'INSERT INTO released_orders (plant, order_id, content_hash, body, master_data_version, correlation_id, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        order.plant,
        order.order,
        hash,
        JSON.stringify(order),
        masterDataVersion,
        correlationId,
        now.toISOString(),
      );
    return { kind: 'new' };
  }

  markDispatched(plant: string, orderId: string, now: Date): void {
    this.#db
      .prepare('UPDATE released_orders SET dispatched_at = ? WHERE plant = ? AND order_id = ?')
      .run(now.toISOString(), plant, orderId);
  }

  get(
    plant: string,
    orderId: string,
  ): { order: ProductionOrder; correlationId: string; dispatched: boolean } | undefined {
    const row = this.#db
      .prepare(
        'SELECT body, correlation_id, dispatched_at FROM released_orders WHERE plant = ? AND order_id = ?',
      )
      .get(plant, orderId) as
      { body: string; correlation_id: string; dispatched_at: string | null } | undefined;
    return row === undefined
      ? undefined
      : {
          order: JSON.parse(row.body) as ProductionOrder,
          correlationId: row.correlation_id,
          dispatched: row.dispatched_at !== null,
        };
  }

  close(): void {
    this.#db.close();
  }
}

function contentHash(order: ProductionOrder): string {
  return createHash('sha256').update(JSON.stringify(order)).digest('hex');
}
