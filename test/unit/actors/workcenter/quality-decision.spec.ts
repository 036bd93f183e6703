// Quality decisions on a work-center actor, no broker and a fake clock: the lot received at
// completion is listed with its stock status; the QMS release moves it to unrestricted and a
// rejection to blocked or scrap, once per decision event (a repeat commits nothing and is
// answered as a duplicate); unknown lots, settled lots and invalid decisions are refused;
// the actor emits nothing of its own for a decision.
import { workCenterKind } from '../runtime/imports.ts';
import { at, counts, Line, release } from './support/line.ts';

const LOT = 'L1000123-0020';

function decision(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'quality.decided',
    lot: LOT,
    material: 'FG-100',
    status: 'released',
    inspectionLot: '890000000001',
    eventId: 'decision-1',
    occurredAt: at(40),
    decidedBy: 'qms.connector',
    ...overrides,
  };
}

const rejection = (disposition: string, eventId = 'decision-2') =>
  decision({ status: 'rejected', disposition, eventId });

describe('work-center actor: quality decisions on produced lots', () => {
  let line: Line;
  beforeEach(async () => {
    line = new Line('P100/WC-ASM');
    await line.ok(release());
    await line.ok(counts('plc-1', 1, 100, 3, 20));
  });
  afterEach(() => line.stop());

  it('lists the lot received at completion as restricted, awaiting its decision', async () => {
    expect(line.ofType('quality.hold.v1')).toHaveLength(1);
    expect((await line.state()).lots).toEqual([
      {
        lot: LOT,
        material: 'FG-100',
        order: '1000123',
        operation: '0020',
        quantity: { value: 100, unit: 'ea' },
        status: 'restricted',
        receivedAt: at(20),
        decision: null,
      },
    ]);
  });

  it('moves a released lot to unrestricted once; the same decision again is a duplicate that commits nothing', async () => {
    const emitted = line.events.length;
    const first = await line.send(decision());
    expect(first).toMatchObject({
      committed: true,
      reply: { accepted: true, duplicate: false, lot: { lot: LOT, status: 'unrestricted' } },
    });
    for (let i = 0; i < 2; i++) {
      expect(await line.send(decision())).toEqual({
        sequence: first.sequence,
        committed: false,
        reply: expect.objectContaining({ accepted: false, duplicate: true }) as unknown,
      });
    }
    const [lot] = (await line.state()).lots;
    expect(lot).toMatchObject({
      status: 'unrestricted',
      decision: {
        eventId: 'decision-1',
        outcome: 'released',
        inspectionLot: '890000000001',
        decidedAt: at(40),
      },
    });
    // No event of its own: the QMS connector's quality.released.v1 is the one ERP posts.
    expect(line.events).toHaveLength(emitted);
  });

  it('moves a rejected lot to blocked or to scrap as the disposition says', async () => {
    expect(await line.ok(rejection('blocked'))).toMatchObject({ lot: { status: 'blocked' } });
    const other = new Line('P100/WC-ASM');
    await other.ok(release());
    await other.ok(counts('plc-1', 1, 100, 0, 20));
    expect(await other.ok(rejection('scrap'))).toMatchObject({ lot: { status: 'scrap' } });
    await other.stop();
  });

  it('refuses a second, different decision for a settled lot, and a lot or material it did not produce', async () => {
    await line.ok(decision());
    expect(await line.refusal(rejection('blocked'))).toEqual({
      type: 'MW_WORKCENTER_LOT_NOT_RESTRICTED',
      committed: false,
    });
    expect(await line.refusal(decision({ lot: 'L-UNKNOWN', eventId: 'd-3' }))).toEqual({
      type: 'MW_WORKCENTER_UNKNOWN_LOT',
      committed: false,
    });
    expect(await line.refusal(decision({ material: 'FG-999', eventId: 'd-4' }))).toEqual({
      type: 'MW_WORKCENTER_UNKNOWN_LOT',
      committed: false,
    });
    expect((await line.state()).lots[0]?.status).toBe('unrestricted');
  });

  it('refuses a decision for a lot received unrestricted (no inspection required)', async () => {
    const plain = new Line('P100/WC-ASM');
    await plain.ok(release({ qualityInstructions: [] }));
    await plain.ok(counts('plc-1', 1, 100, 0, 20));
    expect((await plain.state()).lots[0]?.status).toBe('unrestricted');
    expect(await plain.refusal(decision())).toEqual({
      type: 'MW_WORKCENTER_LOT_NOT_RESTRICTED',
      committed: false,
    });
    await plain.stop();
  });

  it('rejects a rejection without a disposition, a release with one and an unknown status at the boundary', () => {
    for (const bad of [
      decision({ status: 'rejected' }),
      decision({ disposition: 'blocked' }),
      decision({ status: 'accepted' }),
    ]) {
      expect(() => workCenterKind.parseMessage(bad)).toThrow(
        expect.objectContaining({ type: 'MW_ACTOR_MESSAGE_INVALID' }) as Error,
      );
    }
  });

  it('keeps the decision across a restart from the store', async () => {
    await line.ok(decision());
    await line.stop();
    const restarted = new Line('P100/WC-ASM', line.store);
    expect(await restarted.send(decision())).toMatchObject({
      committed: false,
      reply: { duplicate: true, lot: { status: 'unrestricted' } },
    });
    await restarted.stop();
  });
});

describe('work-center actor: lots kept', () => {
  it('keeps every restricted lot and the newest 32 settled ones', async () => {
    const line = new Line('P100/WC-ASM');
    for (let i = 0; i < 40; i++) {
      const order = String(2_000_000 + i);
      await line.ok(release(i < 3 ? { order } : { order, qualityInstructions: [] }));
      await line.ok(counts('plc-1', i + 1, 100, 0, 20));
    }
    const lots = (await line.state()).lots;
    expect(lots.filter((l) => l.status === 'restricted').map((l) => l.order)).toEqual([
      '2000000',
      '2000001',
      '2000002',
    ]);
    expect(lots.filter((l) => l.status === 'unrestricted')).toHaveLength(32);
    expect(lots.at(-1)?.order).toBe('2000039');
    await line.stop();
  });
});
