// Quality acceptance (issue 6): a lot received into restricted stock with a quality hold stays
// restricted in ERP (no unrestricted stock) until the QMS releases it; a rejection moves it to
// blocked. Real simulators over HTTP, the real connectors group, embedded (SQLite lane) and on
// a real nats-server (JetStream lane, KV inspection store). Exact counts throughout; the
// trace of the released lot is read back from either lane.
import type { TraceChain } from '../../../connectors/index.ts';
import type { InspectionLot } from '../../../connectors/qms/index.ts';
import { goodsReceived, qualityHold } from '../../support/business/events.ts';
import {
  startConnectorsNode,
  type ConnectorsNode,
} from '../../support/connectors/connectors-node.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { sleep, waitFor } from '../../support/wait-for.ts';

const NONE = { unrestricted: 0, qualityInspection: 0, blocked: 0 };

function qualityScenario(start: () => Promise<ConnectorsNode>) {
  let rig: ConnectorsNode;
  beforeAll(async () => {
    rig = await start();
  });
  afterAll(async () => {
    await rig.close();
  });

  const stock = (lot: string) => rig.erp.stock('FG-BRACKET', 'P100', lot);
  const lotOf = (key: string): InspectionLot => {
    const lot = rig.qms.lotFor(key);
    if (lot === undefined) throw new Error(`no inspection lot for ${key}`);
    return lot;
  };

  it('keeps an inspected lot restricted until the QMS release, and blocks a rejected one', async () => {
    const received = [
      goodsReceived({
        workCenter: 'WC-01',
        sequence: 7,
        lot: 'L-100',
        quantity: 100,
        restricted: true,
      }),
      goodsReceived({
        workCenter: 'WC-02',
        sequence: 3,
        lot: 'L-200',
        quantity: 40,
        restricted: true,
      }),
    ];
    const holds = [
      qualityHold({ workCenter: 'WC-01', sequence: 7, lot: 'L-100', quantity: 100 }),
      qualityHold({ workCenter: 'WC-02', sequence: 3, lot: 'L-200', quantity: 40 }),
    ];
    for (const event of [...received, ...holds]) await rig.lane.publish(event);

    await waitFor('two inspection lots in QMS', () => rig.qms.counts().inspectionLots === 2);
    await waitFor('two goods receipts in ERP', () => rig.erp.counts().materialDocuments === 2);
    expect(stock('L-100')).toEqual({ ...NONE, qualityInspection: 100 });
    expect(stock('L-200')).toEqual({ ...NONE, qualityInspection: 40 });
    expect(lotOf(holds[0]!.eventId)).toMatchObject({
      batch: 'L-100',
      material: 'FG-BRACKET',
      quantity: 100,
      workCenter: 'WC-01',
      status: 'open',
    });

    // No decision yet: several polls later ERP still holds no unrestricted stock.
    await sleep(400);
    expect(rig.qms.counts().decisionPolls).toBeGreaterThanOrEqual(2);
    expect(rig.erp.counts().materialDocuments).toBe(2);
    expect(stock('L-100')['unrestricted']).toBe(0);

    rig.qms.decide(lotOf(holds[0]!.eventId).inspectionLot, {
      decision: 'accept',
      decidedBy: 'inspector-1',
    });
    await waitFor('the release posted (321)', () => rig.erp.counts().materialDocuments === 3);
    expect(stock('L-100')).toEqual({ ...NONE, unrestricted: 100 });
    expect(stock('L-200')).toEqual({ ...NONE, qualityInspection: 40 });

    rig.qms.decide(lotOf(holds[1]!.eventId).inspectionLot, {
      decision: 'reject',
      disposition: 'blocked',
      reason: 'leak at 6 bar',
      decidedBy: 'inspector-2',
    });
    await waitFor('the rejection posted (350)', () => rig.erp.counts().materialDocuments === 4);
    expect(stock('L-200')).toEqual({ ...NONE, blocked: 40 });

    // Redelivered holds and further polls change nothing: one lot per hold, one posting each.
    for (const hold of holds) expect(await rig.lane.publish(hold)).toEqual({ duplicate: true });
    await rig.call('qms.connector.poll');
    await sleep(300);
    expect(rig.qms.counts()).toMatchObject({
      inspectionLots: 2,
      createRequests: 2,
      repeatedRequests: 0,
      decisions: 2,
    });
    expect(rig.erp.counts()).toMatchObject({ materialDocuments: 4, postsReceived: 4, rejected: 0 });
    expect([...rig.erp.documentsByReference().values()]).toEqual([1, 1, 1, 1]);

    // The work-center actors are told the lots' status, once each.
    await waitFor('both actors told', () => rig.told.length === 2);
    expect(rig.told).toEqual([
      expect.objectContaining({
        plant: 'P100',
        workCenter: 'WC-01',
        lot: 'L-100',
        status: 'released',
      }),
      expect.objectContaining({
        workCenter: 'WC-02',
        lot: 'L-200',
        status: 'rejected',
        disposition: 'blocked',
      }),
    ]);

    // Each decision is in the node's hash-chained audit log, once, under the hold's correlation.
    const decisions = rig.audit.list().filter((e) => e.action === 'qms.decision');
    expect(decisions.map((e) => [e.actor, e.target, e.outcome, e.correlationId])).toEqual([
      ['qms:inspector-1', 'P100/L-100', 'released', holds[0]!.correlationId],
      ['qms:inspector-2', 'P100/L-200', 'rejected', holds[1]!.correlationId],
    ]);
    expect(rig.audit.verify()).toEqual({ ok: true, entries: decisions.length });

    // The trace of the released lot: receipt, hold and release, with the 101 and 321 documents;
    // found again from the 321 document number.
    const chain = await rig.call<TraceChain>('platform.trace', { id: holds[0]!.correlationId });
    expect(chain.events.map((e) => e.type)).toEqual([
      'goods.received.v1',
      'quality.hold.v1',
      'quality.released.v1',
    ]);
    expect(chain.postings.map((p) => [p.type, p.state, p.documents.length])).toEqual([
      ['goods.received.v1', 'posted', 1],
      ['quality.released.v1', 'posted', 1],
    ]);
    expect(chain.audit).toMatchObject([{ action: 'qms.decision', outcome: 'released' }]);
    const release = chain.postings[1]!.documents[0]!;
    expect(await rig.call<TraceChain>('platform.trace', { id: release })).toMatchObject({
      foundBy: 'erpDocument',
      correlationId: holds[0]!.correlationId,
    });
  });

  it('creates the lot once when the QMS was unavailable at the first attempts', async () => {
    rig.qms.unavailableFor(700);
    const hold = qualityHold({ workCenter: 'WC-03', sequence: 1, lot: 'L-300', quantity: 5 });
    await rig.lane.publish(hold);
    await waitFor('the lot after the outage', () => rig.qms.lotFor(hold.eventId) !== undefined);
    await sleep(200);
    expect(rig.qms.counts()).toMatchObject({ inspectionLots: 3 });
    expect(rig.qms.counts().faulted).toBeGreaterThanOrEqual(1);
    const stats = await rig.call<Record<string, number>>('qms.connector.stats');
    expect(stats['retries']).toBeGreaterThanOrEqual(1);
    expect(stats).toMatchObject({ holds: 3 + stats['retries']!, lotsCreated: 3, deadLettered: 0 });
    expect(rig.qms.counts()).toMatchObject({ inspectionLots: 3, createRequests: 3 });
  });
}

describe('quality hold, release and rejection (embedded, SQLite lane)', () => {
  qualityScenario(() => startConnectorsNode());
});

describeWithServers(['nats-server'], 'quality hold, release and rejection (JetStream lane)', () => {
  qualityScenario(async () => {
    const nats: TestNatsServer = await startNatsServer();
    const rig = await startConnectorsNode({ natsUrl: nats.url });
    // The node stops before its NATS server does.
    return {
      ...rig,
      async close() {
        await rig.close();
        await nats.dispose();
      },
    };
  });
});
