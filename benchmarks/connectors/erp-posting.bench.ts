// ERP postings per second through the whole connector (lane -> ledger -> SAP profile -> HTTP
// -> ledger -> ack) against the floor: a raw loop of the same HTTP POSTs to the same kind of
// simulator, with the same concurrency (one in flight per work center, 8 work centers).
import { MemoryAuditTrail } from '../../connectors/audit-trail.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connect, type NatsConnection } from 'nats';
import {
  ErpConnector,
  KvPostingLedger,
  sapProfile,
  SqlitePostingLedger,
  type PostingLedger,
} from '../../connectors/erp/index.ts';
import { ErpSimulator } from '../../connectors/erp/simulator/index.ts';
import { JetStreamLane, SqliteLane, type BusinessLane } from '../../connectors/lane/index.ts';
import type { AnyBusinessEvent } from '../../contracts/index.ts';
import { materialConsumed } from '../../test/support/business/events.ts';
import {
  findBinary,
  startNatsServer,
  type TestNatsServer,
} from '../../test/support/servers/index.ts';
import type { BenchComparison, BenchSuite, BenchVariant } from '../lib/suite.ts';

const WORK_CENTERS = 8;
const MATERIALS = ['RM-STEEL'];
const profile = sapProfile();

/** Fresh events (new ids) for each round, spread over the work centers. */
function eventSource(): (count: number) => AnyBusinessEvent[] {
  let sequence = 0;
  return (count) =>
    Array.from({ length: count }, (_, i) => {
      if (i % WORK_CENTERS === 0) sequence += 1;
      const workCenter = `WC-${String(i % WORK_CENTERS).padStart(2, '0')}`;
      return materialConsumed({ workCenter, sequence, quantity: 1 + (i % 5) });
    });
}

function rawHttpLoop(): BenchVariant {
  let sim: ErpSimulator | undefined;
  const next = eventSource();
  return {
    name: 'raw HTTP POST loop (floor)',
    baseline: true,
    async setup() {
      sim = await ErpSimulator.start({ materials: MATERIALS, repeatability: false });
    },
    async run(ops) {
      const requests = next(ops).map((event) => profile.toRequest(event));
      const url = sim?.url ?? '';
      let cursor = 0;
      const worker = async () => {
        while (cursor < requests.length) {
          const request = requests[cursor++];
          if (request === undefined) return;
          const response = await fetch(`${url}${request.path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(request.body),
          });
          await response.text();
        }
      };
      await Promise.all(Array.from({ length: WORK_CENTERS }, worker));
    },
    async teardown() {
      await sim?.close();
    },
  };
}

interface Stack {
  readonly lane: BusinessLane;
  readonly ledger: PostingLedger;
  close(): Promise<void>;
}

function throughConnector(name: string, open: () => Promise<Stack>): BenchVariant {
  let sim: ErpSimulator | undefined;
  let stack: Stack | undefined;
  let connector: ErpConnector | undefined;
  const next = eventSource();
  return {
    name,
    async setup() {
      sim = await ErpSimulator.start({ materials: MATERIALS, repeatability: false });
      stack = await open();
      connector = new ErpConnector({
        lane: stack.lane,
        ledger: stack.ledger,
        profile,
        endpoint: { baseUrl: sim.url, timeoutMs: 10_000 },
        audit: new MemoryAuditTrail(),
      });
      await connector.start();
    },
    async run(ops) {
      if (connector === undefined || stack === undefined) throw new Error('not set up');
      const target = connector.metrics.count('posted') + ops;
      for (const event of next(ops)) await stack.lane.publish(event);
      while (connector.metrics.count('posted') < target) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
    async teardown() {
      await connector?.stop();
      await stack?.close();
      await sim?.close();
    },
  };
}

function sqliteStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-bench-erp-'));
  const lane = SqliteLane.open(join(dir, 'lane.sqlite'), { pollIntervalMs: 20 });
  const db = new Database(join(dir, 'postings.sqlite'));
  return Promise.resolve({
    lane,
    ledger: new SqlitePostingLedger(db),
    async close() {
      await lane.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

function jetStreamStack(): () => Promise<Stack> {
  return async () => {
    const server: TestNatsServer = await startNatsServer();
    const nc: NatsConnection = await connect({ servers: server.url });
    const lane = await JetStreamLane.open({ connection: nc });
    return {
      lane,
      ledger: await KvPostingLedger.open(nc, 'MW_POSTINGS_ERP'),
      async close() {
        await lane.close();
        await nc.close();
        await server.dispose();
      },
    };
  };
}

export const suite: BenchSuite = {
  name: 'connectors',
  summary: 'ERP postings/s through the ERP connector vs raw HTTP POSTs to the ERP simulator.',
  comparisons(): readonly BenchComparison[] {
    const variants: BenchVariant[] = [
      rawHttpLoop(),
      throughConnector('connector, SQLite lane (embedded)', sqliteStack),
    ];
    if (findBinary('nats-server') !== undefined)
      variants.push(throughConnector('connector, JetStream lane + KV ledger', jetStreamStack()));
    return [
      {
        name: 'ERP postings',
        unit: 'posting',
        opsPerRound: 400,
        params: { workCenters: WORK_CENTERS, inFlight: WORK_CENTERS, erp: 'simulator' },
        variants,
      },
    ];
  },
  flags: () => ({ nats: findBinary('nats-server') !== undefined, repeatability: false }),
};
