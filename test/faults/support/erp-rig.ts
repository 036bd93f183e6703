// An in-process ERP posting rig for fault tests: the real simulator, a real lane (JetStream on
// a test nats-server, or SQLite in a temp folder), the real posting ledger and the connector
// with short timeouts, so faults of a few seconds exercise every retry path.
import { MemoryAuditTrail } from '../../../connectors/audit-trail.ts';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import {
  ErpConnector,
  KvPostingLedger,
  postingReference,
  sapProfile,
  SqlitePostingLedger,
  type PostingLedger,
} from '../../../connectors/erp/index.ts';
import { ErpSimulator } from '../../../connectors/erp/simulator/index.ts';
import { JetStreamLane, SqliteLane, type BusinessLane } from '../../../connectors/lane/index.ts';
import type { AnyBusinessEvent } from '../../../contracts/index.ts';
import { waitFor } from '../../support/wait-for.ts';
import { erpOracle, type OracleReport } from './erp-oracle.ts';

export const TEST_MATERIALS = ['RM-STEEL', 'FG-BRACKET'];

export interface RigOptions {
  /** A nats-server URL for the JetStream lane; SQLite when absent. */
  readonly natsUrl?: string;
  readonly erpTimeoutMs?: number;
}

export interface ErpRig {
  readonly sim: ErpSimulator;
  readonly lane: BusinessLane;
  readonly connector: ErpConnector;
  readonly audit: MemoryAuditTrail;
  publish(events: readonly AnyBusinessEvent[]): Promise<void>;
  /** Waits until every event is in ERP or in the dead letters. */
  settled(events: readonly AnyBusinessEvent[], timeoutMs?: number): Promise<void>;
  oracle(test: string, events: readonly AnyBusinessEvent[]): Promise<OracleReport>;
  close(): Promise<void>;
}

export async function startErpRig(options: RigOptions = {}): Promise<ErpRig> {
  // Like SAP APIs without repeatable requests: only the ledger and read-back prevent duplicates.
  const sim = await ErpSimulator.start({ materials: TEST_MATERIALS, repeatability: false });
  const dir = mkdtempSync(join(tmpdir(), 'mw-erp-rig-'));
  let nc: NatsConnection | undefined;
  let db: Database.Database | undefined;
  let lane: BusinessLane;
  let ledger: PostingLedger;
  if (options.natsUrl === undefined) {
    lane = SqliteLane.open(join(dir, 'lane.sqlite'), { pollIntervalMs: 50 });
    db = new Database(join(dir, 'postings.sqlite'));
    ledger = new SqlitePostingLedger(db);
  } else {
    nc = await connect({ servers: options.natsUrl });
    lane = await JetStreamLane.open({ connection: nc, ackWaitMs: 3_000 });
    ledger = await KvPostingLedger.open(nc, 'MW_POSTINGS_ERP');
  }
  const audit = new MemoryAuditTrail();
  const connector = new ErpConnector({
    lane,
    ledger,
    profile: sapProfile(),
    endpoint: { baseUrl: sim.url, timeoutMs: options.erpTimeoutMs ?? 1_000 },
    audit,
    retry: { baseMs: 100, maxMs: 1_000, maxAttempts: 10 },
    breaker: { failureThreshold: 3, openMs: 500, maxOpenMs: 1_000 },
  });
  await connector.start();
  const inErp = (events: readonly AnyBusinessEvent[]) => {
    const documents = sim.documentsByReference();
    return events.filter((e) => documents.has(postingReference(e.eventId))).length;
  };
  return {
    sim,
    lane,
    connector,
    audit,
    async publish(events) {
      for (const event of events) await lane.publish(event);
    },
    async settled(events, timeoutMs = 30_000) {
      await waitFor(
        `${events.length} events in ERP or dead-lettered`,
        async () =>
          inErp(events) + (await lane.deadLetters.list(connector.name)).length >= events.length,
        timeoutMs,
        50,
      );
    },
    async oracle(test, events) {
      return erpOracle(test, events, sim, await lane.deadLetters.list(connector.name, 10_000));
    },
    async close() {
      await connector.stop();
      await lane.close();
      await nc?.close();
      db?.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
