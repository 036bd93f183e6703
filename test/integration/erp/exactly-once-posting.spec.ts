// The ErpPoster against the real simulator with the SQLite ledger: each rule of exactly-once
// posting (ledger before the call, read-back before a retry of an unknown outcome, duplicates
// answered from the ledger, permanent rejections remembered, replay) with exact counts.
import Database from 'better-sqlite3';
import {
  CircuitBreaker,
  ConnectorMetrics,
  SqlitePostingLedger,
} from '../../../connectors/erp/index.ts';
import { ErpPoster } from '../../../connectors/erp/erp-poster.ts';
import { sapProfile } from '../../../connectors/erp/sap/index.ts';
import { ErpSimulator } from '../../../connectors/erp/simulator/index.ts';
import { silentLogger } from '../../../connectors/logger.ts';
import { goodsReceived, materialConsumed } from '../../support/business/events.ts';
import { rejectionOf } from '../../support/thrown.ts';

describe('exactly-once posting', () => {
  let sim: ErpSimulator;
  let db: Database.Database;
  let ledger: SqlitePostingLedger;
  let metrics: ConnectorMetrics;

  beforeEach(async () => {
    sim = await ErpSimulator.start({ materials: ['RM-STEEL', 'FG-BRACKET'], repeatability: false });
    db = new Database(':memory:');
    ledger = new SqlitePostingLedger(db);
    metrics = new ConnectorMetrics();
  });
  afterEach(async () => {
    await sim.close();
    db.close();
  });

  function poster(instanceId = 'test-1', breaker = new CircuitBreaker()) {
    return new ErpPoster({
      profile: sapProfile(),
      endpoint: { baseUrl: sim.url, timeoutMs: 300 },
      ledger,
      breaker,
      metrics,
      logger: silentLogger,
      instanceId,
      claimLeaseMs: 1_000,
    });
  }

  it('posts once and answers a second delivery from the ledger', async () => {
    const event = materialConsumed({ workCenter: 'WC-01', sequence: 1 });
    const first = await poster().post(event);
    const second = await poster().post(event);
    expect(first).toEqual({
      eventId: event.eventId,
      outcome: 'posted',
      documents: ['4900000001/2025'],
    });
    expect(second).toEqual({ ...first, outcome: 'duplicate' });
    expect(sim.counts()).toMatchObject({ materialDocuments: 1, postsReceived: 1 });
    expect([metrics.count('posted'), metrics.count('duplicates')]).toEqual([1, 1]);
    const stored = await ledger.get(event.eventId);
    expect(stored?.record).toMatchObject({
      state: 'posted',
      attempts: 1,
      documents: ['4900000001/2025'],
    });
  });

  it('reads back after a commit whose answer was lost instead of posting again', async () => {
    const event = goodsReceived({ workCenter: 'WC-01', sequence: 2 });
    sim.fault({ kind: 'commitThenHang', forMs: 10_000 });
    const p = poster();
    expect(await rejectionOf(p.post(event))).toMatchObject({ type: 'MW_ERP_TIMEOUT' });
    expect(sim.counts().materialDocuments).toBe(1);
    const again = await p.post(event); // reads are not hung: the read-back finds the document
    expect(again.outcome).toBe('recovered');
    expect(sim.counts()).toMatchObject({ materialDocuments: 1, postsReceived: 1, readBacks: 1 });
    expect(metrics.count('recovered')).toBe(1);
  });

  it('posts after a 500 only when the read-back finds nothing', async () => {
    const event = materialConsumed({ workCenter: 'WC-01', sequence: 3 });
    sim.fault({ kind: 'error500', forMs: 200 });
    expect(await rejectionOf(poster().post(event))).toMatchObject({ type: 'MW_ERP_UNAVAILABLE' });
    await new Promise((r) => setTimeout(r, 250));
    expect((await poster().post(event)).outcome).toBe('posted');
    expect(sim.counts()).toMatchObject({ materialDocuments: 1, postsReceived: 2, readBacks: 1 });
  });

  it('remembers a permanent rejection, and posts on replay once the master data exists', async () => {
    const event = materialConsumed({ workCenter: 'WC-01', sequence: 4, material: 'RM-NEW' });
    const first = await rejectionOf(poster().post(event));
    expect(first).toMatchObject({ type: 'MW_ERP_MASTER_DATA_MISSING', retryable: false });
    // A redelivery gets the same answer without asking ERP again.
    expect(await rejectionOf(poster().post(event))).toMatchObject({
      type: 'MW_ERP_MASTER_DATA_MISSING',
    });
    expect(sim.counts().postsReceived).toBe(1);
    sim.addMaterial('RM-NEW');
    const replayed = await poster().post(event, { replay: true });
    expect(replayed.outcome).toBe('posted');
    expect((await poster().post(event, { replay: true })).outcome).toBe('duplicate');
    expect(sim.counts()).toMatchObject({ materialDocuments: 1, postsReceived: 2 });
    expect((await ledger.get(event.eventId))?.record).toMatchObject({
      state: 'posted',
      replays: 1,
    });
  });

  it('lets a lock pass as retryable and posts once it is released', async () => {
    sim.addMaterial('RM-STEEL', 'JSMITH');
    const event = materialConsumed({ workCenter: 'WC-01', sequence: 5 });
    expect(await rejectionOf(poster().post(event))).toMatchObject({
      type: 'MW_ERP_LOCKED',
      retryable: true,
    });
    sim.addMaterial('RM-STEEL');
    expect((await poster().post(event)).outcome).toBe('posted');
    expect(sim.counts().materialDocuments).toBe(1);
  });

  it('refuses to post while another live instance holds the claim, and takes over a dead one', async () => {
    const event = materialConsumed({ workCenter: 'WC-01', sequence: 6 });
    sim.fault({ kind: 'commitThenHang', forMs: 10_000 });
    await rejectionOf(poster('instance-a').post(event)); // a's claim stays pending
    expect(await rejectionOf(poster('instance-b').post(event))).toMatchObject({
      type: 'MW_ERP_POSTING_BUSY',
    });
    await new Promise((r) => setTimeout(r, 1_050)); // a's lease expires
    expect((await poster('instance-b').post(event)).outcome).toBe('recovered');
    expect(sim.counts().materialDocuments).toBe(1);
  });

  it('stops calling ERP while the circuit is open', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 60_000 });
    sim.fault({ kind: 'error500', forMs: 60_000 });
    const p = poster('test-1', breaker);
    for (let s = 10; s < 12; s += 1)
      await rejectionOf(p.post(materialConsumed({ workCenter: 'W', sequence: s })));
    const before = sim.counts().postsReceived;
    const error = await rejectionOf(p.post(materialConsumed({ workCenter: 'W', sequence: 12 })));
    expect(error).toMatchObject({ type: 'MW_ERP_CIRCUIT_OPEN', retryable: true });
    expect(sim.counts().postsReceived).toBe(before);
  });
});
