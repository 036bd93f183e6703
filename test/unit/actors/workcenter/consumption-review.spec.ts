// Component consumption on a work-center actor, no broker and a fake clock: scans are booked
// to the running operation in the BOM unit, once per input; at completion a consumption
// within tolerance is a goods issue, one beyond it is held, and approving it posts it once.
import { parseContract } from '../../../../contracts/index.ts';
import { at, counts, Line, release, scan } from './support/line.ts';

describe('work-center actor: consumption and review', () => {
  let line: Line;
  beforeEach(() => {
    line = new Line('P100/WC-CUT');
  });
  afterEach(() => line.stop());

  it('books a scan in grams to the BOM line in kg, and a re-sent scan once', async () => {
    await line.ok(release());
    expect(await line.ok(scan(1, '0010', 120_000, 'g'))).toMatchObject({
      accepted: true,
      consumed: { value: 120, unit: 'kg' },
    });
    expect(await line.send(scan(1, '0010', 120_000, 'g'))).toMatchObject({
      committed: false,
      reply: { duplicate: true },
    });
    await line.ok(scan(2, '0010', 135, 'kg', 'COIL-8'));
    expect((await line.state()).runs[0]?.consumed['0010']).toEqual({
      quantity: 255,
      lots: { 'COIL-7': 120, 'COIL-8': 135 },
    });
    expect(line.events).toEqual([]);
  });

  it('refuses a scan with no order running, against a foreign BOM item, for another order or in an unconvertible unit', async () => {
    expect(await line.refusal(scan(1, '0010', 1, 'kg'))).toEqual({
      type: 'MW_WORKCENTER_NO_ACTIVE_ORDER',
      committed: false,
    });
    await line.ok(release());
    expect((await line.refusal(scan(1, '0020', 1, 'ea'))).type).toBe(
      'MW_WORKCENTER_UNKNOWN_BOM_ITEM',
    );
    expect((await line.refusal({ ...scan(1, '0010', 1, 'kg'), order: '1000999' })).type).toBe(
      'MW_WORKCENTER_ORDER_NOT_ACTIVE',
    );
    expect((await line.refusal(scan(1, '0010', 1, 'm'))).type).toMatch(/^MW_UOM_/);
    // A refused input does not move the source's high-water mark: the corrected one is taken.
    expect(await line.ok(scan(1, '0010', 1, 'kg'))).toMatchObject({ accepted: true });
  });

  it('posts a consumption within tolerance as one goods issue with its lot at completion', async () => {
    await line.ok(release());
    await line.ok(scan(1, '0010', 255, 'kg'));
    await line.ok(counts('plc-1', 1, 100));
    expect(line.types()).toEqual(['operation.confirmed.v1', 'material.consumed.v1']);
    expect(line.ofType('material.consumed.v1')[0]?.payload).toMatchObject({
      bomItem: '0010',
      lot: 'COIL-7',
      quantity: { value: 255, unit: 'kg' },
      source: 'scan',
    });
  });

  it('holds an over-consumption beyond tolerance and posts it exactly once when approved', async () => {
    await line.ok(release());
    await line.ok(scan(1, '0010', 270, 'kg'));
    await line.ok(counts('plc-1', 1, 100));
    expect(line.types()).toEqual(['operation.confirmed.v1', 'consumption.out-of-tolerance.v1']);
    expect(line.ofType('consumption.out-of-tolerance.v1')[0]).toMatchObject({
      status: 'held',
      payload: { deviationPercent: 8, allowedOverPercent: 5, actual: { value: 270 } },
    });
    expect((await line.state()).runs[0]?.held.map((h) => h.bomItem)).toEqual(['0010']);

    const approval = {
      kind: 'consumption.approved',
      bomItem: '0010',
      approvedBy: 'key:supervisor-2',
      occurredAt: at(90),
      correlationId: 'approve-req-1',
    };
    expect(await line.ok(approval)).toMatchObject({
      approved: { order: '1000123', bomItem: '0010' },
    });
    const [issue] = line.ofType('material.consumed.v1');
    expect(issue).toMatchObject({
      origin: { kind: 'operator', id: 'key:supervisor-2' },
      correlationId: 'erp-rel-1',
      causationId: 'approve-req-1',
      payload: { quantity: { value: 270, unit: 'kg' }, lot: 'COIL-7', source: 'operator' },
    });
    if (issue !== undefined) parseContract(issue.type, issue);
    expect(await line.refusal(approval)).toEqual({
      type: 'MW_WORKCENTER_NOTHING_HELD',
      committed: false,
    });
    expect(line.ofType('material.consumed.v1')).toHaveLength(1);
  });

  it('posts the corrected quantity when the reviewer corrects it', async () => {
    await line.ok(release());
    await line.ok(scan(1, '0010', 300, 'kg'));
    await line.ok(counts('plc-1', 1, 100));
    await line.ok({
      kind: 'consumption.approved',
      bomItem: '0010',
      correctedQuantity: 252,
      approvedBy: 'key:supervisor-2',
    });
    expect(line.ofType('material.consumed.v1')[0]?.payload).toMatchObject({
      quantity: { value: 252, unit: 'kg' },
    });
  });

  it('asks for the order when the same BOM item is held for two orders', async () => {
    await line.ok(release());
    await line.ok(release({ order: '1000124' }, 'erp-rel-2'));
    await line.ok(counts('plc-1', 1, 100));
    await line.ok(counts('plc-1', 2, 100));
    // Neither order scanned its steel: both lines are held at -100 %.
    const approval = { kind: 'consumption.approved', bomItem: '0010', approvedBy: 'x' };
    expect((await line.refusal(approval)).type).toBe('MW_WORKCENTER_APPROVAL_AMBIGUOUS');
    await line.ok({ ...approval, order: '1000124', correctedQuantity: 250 });
    expect(line.ofType('material.consumed.v1').map((e) => e.productionOrder)).toEqual(['1000124']);
    await line.ok(approval);
    expect(line.ofType('material.consumed.v1').map((e) => e.productionOrder)).toEqual([
      '1000124',
      '1000123',
    ]);
  });
});
