// Orders on a work-center actor, no broker and a fake clock: release (once per order, queued
// behind the running one), counts towards the target, automatic and explicit completion with
// their postings, and the refusals as MW_WORKCENTER_* replies that change nothing.
import { deriveEventId, parseContract } from '../../../../contracts/index.ts';
import { workCenterKind } from '../runtime/imports.ts';
import { at, counts, Line, release } from './support/line.ts';

describe('work-center actor: order release and completion', () => {
  let line: Line;
  beforeEach(() => {
    line = new Line('P100/WC-ASM');
  });
  afterEach(() => line.stop());

  it('queues a released order once: a repeated dispatch is answered "already-released" and commits nothing', async () => {
    expect(await line.ok(release())).toEqual({
      accepted: true,
      status: 'released',
      order: '1000123',
      operation: '0020',
      position: 0,
    });
    const again = await line.send(release());
    expect(again).toMatchObject({ committed: false, reply: { status: 'already-released' } });
    expect((await line.state()).runs).toHaveLength(1);
  });

  it('refuses an order without an operation here, or of another plant, with nothing committed', async () => {
    const paint = new Line('P100/WC-PAINT');
    expect(await paint.refusal(release())).toEqual({
      type: 'MW_WORKCENTER_ORDER_NOT_HERE',
      committed: false,
    });
    await paint.stop();
    const other = new Line('P200/WC-ASM');
    expect((await other.refusal(release())).type).toBe('MW_WORKCENTER_ORDER_NOT_HERE');
    await other.stop();
  });

  it('adds counts to the running order and completes it when the good count reaches the target', async () => {
    await line.ok(release());
    await line.ok(counts('plc-1', 1, 60, 2, 10));
    expect(line.events.map((e) => e.type)).toEqual(['scrap.declared.v1']);
    const reply = await line.ok(counts('plc-1', 2, 40, 1, 20));
    expect(reply).toMatchObject({ completed: { order: '1000123', operation: '0020' } });
    expect(line.types()).toEqual([
      'scrap.declared.v1',
      'scrap.declared.v1',
      'operation.confirmed.v1',
      'material.consumed.v1',
      'goods.received.v1',
      'genealogy.recorded.v1',
      'quality.hold.v1',
    ]);
    for (const event of line.events) parseContract(event.type, event);
    const [confirmed] = line.ofType('operation.confirmed.v1');
    expect(confirmed).toMatchObject({
      correlationId: 'erp-rel-1',
      causationId: 'plc-1:2',
      productionOrder: '1000123',
      operation: '0020',
      sequence: 3,
      eventId: deriveEventId({
        plant: 'P100',
        workCenter: 'WC-ASM',
        sequence: 3,
        type: 'operation.confirmed.v1',
      }),
      payload: {
        yield: { value: 100, unit: 'ea' },
        scrap: { value: 3, unit: 'ea' },
        startedAt: at(10),
        finishedAt: at(20),
        producedLot: 'L1000123-0020',
      },
    });
    // 103 parts made consume 412 of 400 bolts planned per 100 (back-flushed).
    expect(line.ofType('material.consumed.v1')[0]?.payload).toMatchObject({
      quantity: { value: 412, unit: 'ea' },
      source: 'backflush',
    });
    expect(line.ofType('scrap.declared.v1')[0]).toMatchObject({
      productionOrder: '1000123',
      payload: { order: '1000123', material: 'FG-100', quantity: { value: 2, unit: 'ea' } },
    });
    expect((await line.state()).runs[0]?.status).toBe('completed');
  });

  it('runs a second order after the first completes; counts in between go to no order', async () => {
    await line.ok(release());
    expect(await line.ok(release({ order: '1000124' }, 'erp-rel-2'))).toMatchObject({
      position: 1,
    });
    await line.ok(counts('plc-1', 1, 100));
    await line.ok(counts('plc-1', 2, 30));
    await line.ok(counts('plc-1', 3, 70));
    const confirmations = line.ofType('operation.confirmed.v1');
    expect(confirmations.map((e) => [e.productionOrder, e.correlationId])).toEqual([
      ['1000123', 'erp-rel-1'],
      ['1000124', 'erp-rel-2'],
    ]);
    await line.ok(counts('plc-1', 4, 5));
    expect((await line.state()).good).toBe(205);
    expect(line.ofType('operation.confirmed.v1')).toHaveLength(2);
  });

  it('completes on request before the target, naming the caller as origin', async () => {
    await line.ok(release());
    await line.ok(counts('plc-1', 1, 50));
    const reply = await line.ok({
      kind: 'operation.completeRequested',
      requestedBy: 'key:shift-lead',
      occurredAt: at(30),
      correlationId: 'req-9',
    });
    expect(reply).toMatchObject({ completed: { order: '1000123' } });
    const [confirmed] = line.ofType('operation.confirmed.v1');
    expect(confirmed).toMatchObject({
      origin: { kind: 'operator', id: 'key:shift-lead' },
      causationId: 'req-9',
      correlationId: 'erp-rel-1',
      timestampSource: 'operator',
      payload: { yield: { value: 50 }, finishedAt: at(30) },
    });
    expect(await line.refusal({ kind: 'operation.completeRequested', requestedBy: 'x' })).toEqual({
      type: 'MW_WORKCENTER_NO_ACTIVE_ORDER',
      committed: false,
    });
  });

  it('refuses to complete an order that is not the running one', async () => {
    await line.ok(release());
    const refused = await line.refusal({
      kind: 'operation.completeRequested',
      order: '999',
      requestedBy: 'x',
    });
    expect(refused).toEqual({ type: 'MW_WORKCENTER_ORDER_NOT_ACTIVE', committed: false });
    expect(line.events).toEqual([]);
  });
});

describe('work-center actor: replay and de-duplication', () => {
  const inputs = [
    release(),
    counts('plc-1', 1, 70, 2, 5),
    counts('plc-2', 1, 10, 0, 6),
    counts('plc-1', 2, 15, 1, 7),
  ];
  const completing = counts('plc-2', 2, 5, 0, 8);

  async function run(): Promise<string[]> {
    const line = new Line('P100/WC-ASM');
    for (const input of [...inputs, completing]) await line.ok(input);
    await line.stop();
    return line.events.map((e) => `${e.type} ${e.eventId}`);
  }

  it('emits the same event ids for the same inputs', async () => {
    const first = await run();
    expect(first).toHaveLength(7);
    expect(await run()).toEqual(first);
  });

  it('gives a re-sent input no second effect, before and after a restart from the store', async () => {
    const line = new Line('P100/WC-ASM');
    for (const input of inputs) await line.ok(input);
    const resend = await line.send(counts('plc-1', 2, 15, 1, 7));
    expect(resend).toMatchObject({ committed: false, reply: { duplicate: true } });
    await line.stop();

    const restarted = new Line('P100/WC-ASM', line.store);
    for (const input of inputs) await restarted.send(input);
    expect(restarted.events).toEqual([]);
    expect(await restarted.state()).toMatchObject({ good: 95, scrap: 3, inputs: 3 });
    // The next input after the restart continues the sequence and completes the order.
    await restarted.ok(completing);
    expect(restarted.ofType('operation.confirmed.v1')[0]).toMatchObject({ sequence: 5 });
    await restarted.stop();
  });
});

describe('work-center actor: snapshots', () => {
  it('loads a snapshot written before orders, machine state and lots were tracked', () => {
    const old = {
      plant: 'P100',
      workCenter: 'WC-ASM',
      good: 5,
      scrap: 1,
      inputs: 2,
      sources: { 'plc-1': { highWater: 2, good: 5, scrap: 1 } },
      lastInputAt: '2026-01-01T06:00:00.000Z',
    };
    expect(workCenterKind.parseState(old)).toMatchObject({
      ...old,
      runs: [],
      machine: null,
      lots: [],
    });
  });
});
