// Opens the business lane and the posting ledgers for the run mode: JetStream stream + KV
// bucket on the transporter's NATS in cluster mode, SQLite files under the data folder in
// embedded mode. Actor hosts publish into the same lane: in embedded mode the lane tables live
// in the actor store's file (`actors.sqlite`), appended in the actors' commit transaction
// (decision 0850); one process opens it from several services (WAL, busy timeout). The
// connectors of one node share one set (`sharedLaneStores`).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import {
  JetStreamLane,
  KvInspectionStore,
  KvPostingLedger,
  SqliteInspectionStore,
  SqliteLane,
  SqlitePostingLedger,
  type BusinessLane,
  type ConnectorLogger,
  type InspectionStore,
  type PostingLedger,
} from '../../connectors/index.ts';
import type { MillwrightConfig } from '../platform/index.ts';

export const LANE_FILE = 'actors.sqlite';

export interface LaneStores {
  readonly lane: BusinessLane;
  /** The posting ledger of one connector (KV bucket / SQLite file named after it). */
  ledger(connector: string): Promise<PostingLedger>;
  /**
   * The QMS connector's inspection lots and feed position for one QMS (`qms`: its URL): a KV
   * bucket scoped by it in a cluster, a SQLite file (this node's QMS) embedded.
   */
  inspections(qms: string): Promise<InspectionStore>;
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
    // Scoped to the node's plant: another plant's events are not this node's load.
    const lane = await JetStreamLane.open({
      connection: nc,
      ackWaitMs,
      logger,
      plant: config.plant,
    });
    return {
      lane,
      ledger: (connector) => KvPostingLedger.open(nc, `MW_POSTINGS_${connector.toUpperCase()}`),
      inspections: (qms) => KvInspectionStore.open(nc, 'MW_QMS_INSPECTIONS', qms),
      async close() {
        await lane.close();
        await nc.drain();
      },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const lane = SqliteLane.open(join(config.dataDir, LANE_FILE), { logger });
  const databases: Database.Database[] = [];
  const open = (file: string) => {
    const db = new Database(join(config.dataDir, file));
    databases.push(db);
    return db;
  };
  return {
    lane,
    ledger: (connector) =>
      Promise.resolve(new SqlitePostingLedger(open(`${connector}-postings.sqlite`))),
    inspections: () => Promise.resolve(new SqliteInspectionStore(open('qms-inspections.sqlite'))),
    async close() {
      await lane.close();
      for (const db of databases) db.close();
    },
  };
}

/** One set of lane stores for the services of one node: opened by the first, closed by the last. */
export interface SharedLaneStores {
  acquire(logger: ConnectorLogger): Promise<LaneStores>;
  release(): Promise<void>;
}

export function sharedLaneStores(config: MillwrightConfig): SharedLaneStores {
  let opening: Promise<LaneStores> | undefined;
  let users = 0;
  return {
    acquire(logger) {
      users += 1;
      opening ??= openLaneStores(config, logger);
      return opening;
    },
    async release() {
      users -= 1;
      if (users > 0 || opening === undefined) return;
      const stores = opening;
      opening = undefined;
      await (await stores).close();
    },
  };
}
