// The QMS decision reaches the real work-center actor (issue 6, quality): an order that needs
// inspection runs to its target on WC-ASM, its lot is received restricted and held; the QMS
// release comes back through the QMS connector's lot-status consumer to
// `workcenter.host.recordQualityDecision`, and the actor's state lists the lot unrestricted; a
// second lot is rejected to blocked. The same decision told twice more is applied once; a
// decision for a lot the actor never made is dead-lettered with its reason. One node with the
// production, actors and connectors groups against real ERP and QMS simulators, embedded and
// on a real nats-server. Exact counts throughout.
import type { WorkCenterState } from '../../../actors/index.ts';
import type { AnyBusinessEvent } from '../../../contracts/index.ts';
import type { QualityDecisionEvent } from '../../../connectors/index.ts';
import type { InspectionLot } from '../../../connectors/qms/index.ts';
import { lotsFromRepl } from '../../../services/cli/repl/lots.repl.ts';
import { lotStatusParams } from '../../../services/qms.connector.service.ts';
import type { TellResult } from '../../../services/workcenter/routing.ts';
import { qualityReleased } from '../../support/business/events.ts';
import {
  startConnectorsNode,
  type ConnectorsNode,
} from '../../support/connectors/connectors-node.ts';
import { masterDataP100, orderFor } from '../../fixtures/production/plant-p100.ts';
import { describeWithServers, startNatsServer } from '../../support/servers/index.ts';
import { rejectionOf } from '../../support/thrown.ts';
import { sleep, waitFor } from '../../support/wait-for.ts';

const ASM = 'P100/WC-ASM';
const MATERIALS = ['FG-100', 'RM-STEEL', 'CP-BOLT', 'FG-BRACKET'];
const ACTION = 'workcenter.host.recordQualityDecision';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 6, minute)).toISOString();

function lotScenario(start: () => Promise<ConnectorsNode>) {
  let rig: ConnectorsNode;
  beforeAll(async () => {
    rig = await start();
    await rig.node.broker.waitForServices([
      'masterdata',
      'orders',
      'workcenter.host',
      'qms.connector',
      'erp.connector',
    ]);
    await rig.call('masterdata.load', masterDataP100);
  }, 60_000);
  afterAll(async () => {
    await rig.close();
  });

  const state = async () =>
    (await rig.call<{ state: WorkCenterState }>('workcenter.host.inspect', { key: ASM })).state;
  const qmsStats = () => rig.call<Record<string, number>>('qms.connector.stats');
  async function decisionEvent(order: string, type: string): Promise<AnyBusinessEvent> {
    const events = await rig.lane.find({ correlationId: `erp-release-${order}` });
    const event = events.find((e) => e.type === type);
    if (event === undefined) throw new Error(`no ${type} for ${order}`);
    return event;
  }
  /** The QMS inspection lot of the order's quality hold. */
  async function inspectionLot(order: string): Promise<InspectionLot> {
    const hold = await decisionEvent(order, 'quality.hold.v1');
    const lot = rig.qms.lotFor(hold.eventId);
    if (lot === undefined) throw new Error(`no inspection lot for ${order}`);
    return lot;
  }
  /** Releases an order (WC-ASM's operation 0020 only runs here) and counts it to its target. */
  async function produce(order: string, firstSeq: number): Promise<void> {
    await rig.node.broker.call('orders.release', orderFor({ order }), {
      meta: { correlationId: `erp-release-${order}` },
    });
    for (const [i, good] of [60, 40].entries()) {
      await rig.call('workcenter.host.tell', {
        key: ASM,
        message: {
          kind: 'counts.reported',
          source: 'plc-asm',
          sourceSeq: firstSeq + i,
          good,
          scrap: 0,
          occurredAt: at(firstSeq + i),
        },
      });
    }
  }
  it('tells the actor the QMS release once: the lot is unrestricted in its state and in ERP', async () => {
    await produce('1000123', 1);
    await waitFor('the inspection lot in QMS', () => rig.qms.counts().inspectionLots === 1);
    await waitFor('confirmation, goods issue and receipt', () => {
      const c = rig.erp.counts();
      return c.confirmations === 1 && c.materialDocuments === 2;
    });
    expect((await state()).lots).toEqual([
      expect.objectContaining({
        lot: 'L1000123-0020',
        material: 'FG-100',
        order: '1000123',
        quantity: { value: 100, unit: 'ea' },
        status: 'restricted',
        decision: null,
      }),
    ]);
    expect(rig.erp.stock('FG-100', 'P100', 'L1000123-0020')).toMatchObject({
      unrestricted: 0,
      qualityInspection: 100,
    });

    rig.qms.decide((await inspectionLot('1000123')).inspectionLot, {
      decision: 'accept',
      decidedBy: 'inspector-1',
    });
    await waitFor('the actor told', async () => (await qmsStats())['lotStatusTold'] === 1);
    const released = await decisionEvent('1000123', 'quality.released.v1');
    const [lot] = (await state()).lots;
    expect(lot).toMatchObject({
      status: 'unrestricted',
      decision: {
        eventId: released.eventId,
        outcome: 'released',
        inspectionLot: (await inspectionLot('1000123')).inspectionLot,
      },
    });
    await waitFor('the release posted (321)', () => rig.erp.counts().materialDocuments === 3);
    expect(rig.erp.stock('FG-100', 'P100', 'L1000123-0020')).toMatchObject({
      unrestricted: 100,
      qualityInspection: 0,
    });

    // The same decision twice more, straight to the host and again into the lane: applied once.
    const sequence = (await rig.call<{ sequence: number }>('workcenter.host.inspect', { key: ASM }))
      .sequence;
    const params = lotStatusParams(released as QualityDecisionEvent);
    for (let i = 0; i < 2; i++) {
      const again = await rig.node.broker.call<TellResult, object>(ACTION, params, {
        meta: { actor: 'qms.connector', correlationId: released.correlationId },
      });
      expect(again).toMatchObject({
        sequence,
        committed: false,
        reply: { accepted: false, duplicate: true, lot: { status: 'unrestricted' } },
      });
    }
    expect(await rig.lane.publish(released)).toEqual({ duplicate: true });
    await sleep(300);
    expect((await state()).lots).toEqual([lot]);
    expect(await qmsStats()).toMatchObject({ decisions: 1, lotStatusTold: 1, deadLettered: 0 });
    expect(rig.erp.counts()).toMatchObject({
      confirmations: 1,
      materialDocuments: 3,
      postsReceived: 4,
      rejected: 0,
    });

    // Each call audited with what the actor made of it, under the hold's correlation.
    const told = rig.audit.list().filter((e) => e.action === ACTION);
    expect(told.map((e) => [e.actor, e.target, e.outcome, e.correlationId])).toEqual([
      [
        'qms.connector',
        'P100/WC-ASM L1000123-0020',
        'released: unrestricted',
        'erp-release-1000123',
      ],
      ['qms.connector', 'P100/WC-ASM L1000123-0020', 'duplicate', 'erp-release-1000123'],
      ['qms.connector', 'P100/WC-ASM L1000123-0020', 'duplicate', 'erp-release-1000123'],
    ]);
    expect(rig.audit.verify().ok).toBe(true);
  }, 60_000);

  it('tells the actor a rejection: the second lot is blocked in its state and in ERP', async () => {
    await produce('1000124', 10);
    await waitFor('the second inspection lot', () => rig.qms.counts().inspectionLots === 2);
    rig.qms.decide((await inspectionLot('1000124')).inspectionLot, {
      decision: 'reject',
      disposition: 'blocked',
      reason: 'leak at 6 bar',
      decidedBy: 'inspector-2',
    });
    await waitFor('the actor told', async () => (await qmsStats())['lotStatusTold'] === 2);
    const lots = (await state()).lots;
    expect(lots.map((l) => [l.lot, l.status, l.decision?.outcome])).toEqual([
      ['L1000123-0020', 'unrestricted', 'released'],
      ['L1000124-0020', 'blocked', 'rejected'],
    ]);
    await waitFor('receipt and rejection posted', () => rig.erp.counts().materialDocuments === 6);
    expect(rig.erp.stock('FG-100', 'P100', 'L1000124-0020')).toMatchObject({
      unrestricted: 0,
      qualityInspection: 0,
      blocked: 100,
    });
    expect(rig.erp.counts()).toMatchObject({ confirmations: 2, rejected: 0 });
    // The REPL's `actor lots P100/WC-ASM` shows the same.
    const view = (await lotsFromRepl(rig.node.broker, ASM)).split('\n');
    expect(view.slice(1).map((row) => row.split(/\s{2,}/).slice(0, 5))).toEqual([
      ['L1000123-0020', 'FG-100', '1000123/0020', '100 ea', 'unrestricted'],
      ['L1000124-0020', 'FG-100', '1000124/0020', '100 ea', 'blocked'],
      ['2 lot(s) on P100/WC-ASM, 0 in quality inspection'],
    ]);
    expect([...rig.erp.documentsByReference().values()].every((n) => n === 1)).toBe(true);
  }, 60_000);

  it('refuses a decision for a lot the actor did not make: MW_WORKCENTER_UNKNOWN_LOT, dead-lettered from the lane', async () => {
    const params = {
      plant: 'P100',
      workCenter: 'WC-ASM',
      lot: 'L-NOT-MADE-HERE',
      material: 'FG-100',
      status: 'released',
      inspectionLot: '890000009999',
      eventId: 'decision-unknown',
      occurredAt: at(50),
    };
    expect(((await rejectionOf(rig.call(ACTION, params))) as { type: string }).type).toBe(
      'MW_WORKCENTER_UNKNOWN_LOT',
    );
    expect(
      ((await rejectionOf(rig.call(ACTION, { ...params, status: 'approved' }))) as { type: string })
        .type,
    ).toBe('MW_CONTRACT_INVALID');

    const stray = qualityReleased({ workCenter: 'WC-ASM', sequence: 999, lot: 'L-NOT-MADE-HERE' });
    await rig.lane.publish(stray);
    await waitFor('the stray decision dead-lettered', async () => {
      return (await qmsStats())['deadLettered'] === 1;
    });
    const [letter] = await rig.lane.deadLetters.list('qms-lots');
    expect(letter).toMatchObject({
      event: { eventId: stray.eventId },
      reason: { code: 'MW_WORKCENTER_UNKNOWN_LOT' },
    });
    expect(await qmsStats()).toMatchObject({ lotStatusTold: 2, deadLettered: 1 });
    expect((await state()).lots.map((l) => l.status)).toEqual(['unrestricted', 'blocked']);
  }, 60_000);
}

const options = { groups: ['production', 'actors', 'connectors'], materials: MATERIALS } as const;

describe('QMS decisions reach the work-center actor (embedded, SQLite lane)', () => {
  lotScenario(() => startConnectorsNode(options));
});

describeWithServers(
  ['nats-server'],
  'QMS decisions reach the work-center actor (JetStream)',
  () => {
    lotScenario(async () => {
      const nats = await startNatsServer();
      const rig = await startConnectorsNode({ ...options, natsUrl: nats.url });
      return {
        ...rig,
        async close() {
          await rig.close();
          await nats.dispose();
        },
      };
    });
  },
);
