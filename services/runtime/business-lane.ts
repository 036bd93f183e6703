// Opens the business lane and the posting ledgers for the run mode: JetStream stream + KV
// bucket on the transporter's NATS in cluster mode, SQLite files under the data folder in
// embedded mode. Actor hosts publish into the same lane: in embedded mode the lane tables live
// in the actor store's file (`actors.sqlite`), appended in the actors' commit transaction
// (decision 0850); one process opens it from several services (WAL, busy timeout).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import {
  JetStreamLane,
  KvPostingLedger,
  SqliteLane,
  SqlitePostingLedger,
  type BusinessLane,
  type ConnectorLogger,
  type PostingLedger,
} from '../../connectors/index.ts';
import type { MillwrightConfig } from '../platform/index.ts';

export const LANE_FILE = 'actors.sqlite';

export interface LaneStores {
  readonly lane: BusinessLane;
  /** The posting ledger of one connector (KV bucket / SQLite file named after it). */
  ledger(connector: string): Promise<PostingLedger>;
  close(): Promise<void>;
}

export async function openLaneStores(
  config: MillwrightConfig,
  logger: ConnectorLogger,
): Promise<LaneStores> {
  // Outlasts one ERP call plus a read-back (checked by the configuration schema).
  const ackWaitMs = config.erp.ackWaitMs;
  if (config.transporter !== undefined) {
    const nc: NatsConnection = await connect({
      servers: config.transporter.split(',').map((s) => s.trim()),
      name: `millwright-lane-${config.nodeId}`,
      maxReconnectAttempts: -1,
    });
    const lane = await JetStreamLane.open({ connection: nc, ackWaitMs, logger });
    return {
      lane,
      ledger: (connector) => KvPostingLedger.open(nc, `MW_POSTINGS_${connector.toUpperCase()}`),
      async close() {
        await lane.close();
        await nc.drain();
      },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const lane = SqliteLane.open(join(config.dataDir, LANE_FILE), { logger });
  const databases: Database.Database[] = [];
  return {
    lane,
    ledger: (connector) => {
      const db = new Database(join(config.dataDir, `${connector}-postings.sqlite`));
      databases.push(db);
      return Promise.resolve(new SqlitePostingLedger(db));
    },
    async close() {
      await lane.close();
      for (const db of databases) db.close();
    },
  };
}
