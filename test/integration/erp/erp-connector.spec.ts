// The connector's decisions over the embedded lane: duplicates answered from the ledger and
// counted, locks retried until exhausted, invalid events dead-lettered with zod issues,
// discards audited.
import { MemoryAuditTrail } from '../../../connectors/audit-trail.ts';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ErpConnector,
  sapProfile,
  SqlitePostingLedger,
  type PostingLedger,
} from '../../../connectors/erp/index.ts';
import { ErpSimulator } from '../../../connectors/erp/simulator/index.ts';
import { SqliteLane } from '../../../connectors/lane/index.ts';
import { materialConsumed } from '../../support/business/events.ts';
import { waitFor } from '../../support/wait-for.ts';

describe('ERP connector decisions', () => {
  let dir: string;
  let sim: ErpSimulator;
  let db: Database.Database;
  const lanes: SqliteLane[] = [];
  const connectors: ErpConnector[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-erp-conn-'));
    sim = await ErpSimulator.start({ materials: ['RM-STEEL'], repeatability: false });
    db = new Database(join(dir, 'postings.sqlite'));
  });
  afterEach(async () => {
    for (const c of connectors.splice(0)) await c.stop();
    for (const l of lanes.splice(0)) await l.close();
    db.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function connector(name: string, ledger: PostingLedger, audit = new MemoryAuditTrail()) {
    const lane = SqliteLane.open(join(dir, `${name}.sqlite`), { pollIntervalMs: 20 });
    lanes.push(lane);
    const c = new ErpConnector({
      lane,
      ledger,
      profile: sapProfile(),
      endpoint: { baseUrl: sim.url, timeoutMs: 500 },
      audit,
      retry: { baseMs: 20, maxMs: 50, maxAttempts: 3 },
    });
    connectors.push(c);
    await c.start();
    return { lane, connector: c, audit };
  }

  it('answers an event it already posted from the ledger and counts the duplicate', async () => {
    const ledger = new SqlitePostingLedger(db);
    const a = await connector('lane-a', ledger);
    const b = await connector('lane-b', ledger);
    const event = materialConsumed({ workCenter: 'WC-01', sequence: 1 });
    await a.lane.publish(event);
    await waitFor('posted by a', () => a.connector.metrics.count('posted') === 1);
    await b.lane.publish(event); // the same event reaching a second lane (a replayed outbox)
    await waitFor('suppressed by b', () => b.connector.metrics.count('duplicates') === 1);
    expect(sim.counts()).toMatchObject({ materialDocuments: 1, postsReceived: 1 });
    expect(b.connector.metrics.count('posted')).toBe(0);
  });

  it('retries a lock, then dead-letters it as exhausted with the last error', async () => {
    sim.addMaterial('RM-STEEL', 'JSMITH');
    const { lane, connector: c } = await connector('lane', new SqlitePostingLedger(db));
    await lane.publish(materialConsumed({ workCenter: 'WC-01', sequence: 1 }));
    await waitFor('a dead letter', async () => (await c.listDeadLetters()).length === 1);
    const [letter] = await c.listDeadLetters();
    expect(letter).toMatchObject({
      attempts: 3,
      reason: {
        code: 'MW_ERP_RETRIES_EXHAUSTED',
        data: { last: { code: 'MW_ERP_LOCKED', data: { erp: { code: 'M3/897' } } } },
      },
    });
    expect(c.metrics.count('retries')).toBe(2);
    expect(sim.counts().postsReceived).toBe(3);
  });

  it('dead-letters an event that breaks its contract, with the zod issues, and audits a discard', async () => {
    const audit = new MemoryAuditTrail();
    const { lane, connector: c } = await connector('lane', new SqlitePostingLedger(db), audit);
    const event = materialConsumed({ workCenter: 'WC-01', sequence: 1 });
    const broken = { ...event, payload: { ...event.payload, quantity: { value: 2 } } };
    await lane.publish(broken);
    await waitFor('a dead letter', async () => (await c.listDeadLetters()).length === 1);
    const [letter] = await c.listDeadLetters();
    expect(letter?.reason.code).toBe('MW_CONTRACT_INVALID');
    expect(letter?.reason.data).toMatchObject({
      issues: [{ path: ['payload', 'quantity', 'unit'] }],
    });
    expect(sim.counts().postsReceived).toBe(0);
    await c.discard(letter!.id, 'bob');
    expect(await c.listDeadLetters()).toEqual([]);
    expect(audit.entries()).toMatchObject([
      {
        action: 'erp.connector.discard',
        actor: 'bob',
        outcome: 'discarded',
        correlationId: event.correlationId,
        details: { eventId: event.eventId },
      },
    ]);
  });
});
