// The work-center business rules on a known order: what completion posts, what the BOM
// tolerance holds back, and that an approval posts exactly once. Every event the rules
// produce is enveloped and validated against its published contract.
import {
  isMillwrightError,
  parseContract,
  ProductionOrder,
  units,
  type AnyBusinessEvent,
} from '../../../contracts/index.ts';
import {
  addConsumption,
  addCounts,
  approveConsumption,
  completeOperation,
  envelopeAll,
  releaseRun,
  targetReached,
  type EventDraft,
} from '../../../actors/workcenter/rules/index.ts';
import { orderFor } from '../../fixtures/production/plant-p100.ts';

const order = ProductionOrder.parse(orderFor());
const AT = '2026-12-01T08:00:00.000Z';
const DONE = '2026-12-01T13:00:00.000Z';

function envelope(drafts: EventDraft[], workCenter: string, sequence = 7): AnyBusinessEvent[] {
  const events = envelopeAll(drafts, {
    plant: 'P100',
    workCenter,
    sequence,
    now: Date.parse(DONE),
    correlationId: 'erp-release-1',
    causationId: 'complete:1',
    origin: { kind: 'system', id: 'workcenter' },
    timestampSource: 'actor',
  });
  for (const event of events) parseContract(event.type, event);
  return events;
}

const types = (drafts: EventDraft[]) => drafts.map((d) => d.type);
const payloadOf = (drafts: EventDraft[], type: string) =>
  drafts.find((d) => d.type === type)?.payload;

describe('work-center rules: completing the last operation', () => {
  const run = addCounts(releaseRun(order, 'WC-ASM', 'erp-release-1'), 100, 3, AT);
  const { run: completed, drafts } = completeOperation(run, DONE);

  it('reaches the target with 100 good parts', () => {
    expect(targetReached(run)).toBe(true);
  });

  it('confirms the operation, back-flushes the bolts, receives the lot restricted and holds it for inspection', () => {
    expect(types(drafts)).toEqual([
      'operation.confirmed.v1',
      'material.consumed.v1',
      'goods.received.v1',
      'genealogy.recorded.v1',
      'quality.hold.v1',
    ]);
    expect(payloadOf(drafts, 'operation.confirmed.v1')).toMatchObject({
      yield: { value: 100, unit: 'ea' },
      scrap: { value: 3, unit: 'ea' },
      finalConfirmation: true,
      producedLot: 'L1000123-0020',
    });
    // 400 bolts planned for 100 parts; 103 parts made (good + scrap) consume 412.
    expect(payloadOf(drafts, 'material.consumed.v1')).toMatchObject({
      bomItem: '0020',
      material: 'CP-BOLT',
      quantity: { value: 412, unit: 'ea' },
      source: 'backflush',
    });
    expect(payloadOf(drafts, 'goods.received.v1')).toMatchObject({
      lot: 'L1000123-0020',
      quantity: { value: 100, unit: 'ea' },
      stockStatus: 'restricted',
    });
    expect(payloadOf(drafts, 'quality.hold.v1')).toMatchObject({
      lot: 'L1000123-0020',
      instruction: 'QI-1',
    });
    expect(completed.status).toBe('completed');
  });

  it('gives every event a valid envelope and a distinct deterministic id', () => {
    const events = envelope(drafts, 'WC-ASM');
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(envelope(drafts, 'WC-ASM').map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(
      events.every(
        (e) => e.productionOrder === '1000123' && e.operation === '0020' && e.sequence === 7,
      ),
    ).toBe(true);
  });
});

describe('work-center rules: completing with nothing good produced', () => {
  it('confirms the operation but receives, links and holds no lot', () => {
    const run = addCounts(releaseRun(order, 'WC-ASM', 'c'), 0, 4, AT);
    const { drafts } = completeOperation(run, DONE);
    expect(types(drafts)).toEqual(['operation.confirmed.v1', 'material.consumed.v1']);
    expect(payloadOf(drafts, 'operation.confirmed.v1')).not.toHaveProperty('producedLot');
    envelope(drafts, 'WC-ASM');
  });
});

describe('work-center rules: consumption against the BOM tolerance', () => {
  const cutting = (kg: number, unit = 'kg') =>
    addConsumption(
      addCounts(releaseRun(order, 'WC-CUT', 'c'), 100, 0, AT),
      { bomItem: '0010', quantity: { value: kg, unit }, lot: 'COIL-7', source: 'scan' },
      units,
      AT,
    );

  it('posts a consumption within tolerance as a goods issue with its lot (+2 % of 5 % allowed)', () => {
    const { drafts } = completeOperation(cutting(255), DONE);
    expect(types(drafts)).toEqual(['operation.confirmed.v1', 'material.consumed.v1']);
    expect(payloadOf(drafts, 'material.consumed.v1')).toMatchObject({
      material: 'RM-STEEL',
      lot: 'COIL-7',
      quantity: { value: 255, unit: 'kg' },
      source: 'scan',
    });
    envelope(drafts, 'WC-CUT');
  });

  it('converts a scan in grams to the BOM unit', () => {
    const { drafts } = completeOperation(cutting(255_000, 'g'), DONE);
    expect(payloadOf(drafts, 'material.consumed.v1')).toMatchObject({
      quantity: { value: 255, unit: 'kg' },
    });
  });

  it('posts a consumption exactly at the tolerance limit despite binary rounding (+7 % of 7 %)', () => {
    const generous = ProductionOrder.parse(
      orderFor({
        targetQuantity: { value: 100, unit: 'ea' },
        components: [
          {
            item: '0010',
            material: 'RM-STEEL',
            quantity: { value: 100, unit: 'kg' },
            tolerance: { underPercent: 7, overPercent: 7 },
            operation: '0010',
          },
        ],
      }),
    );
    const scanned = (kg: number) =>
      addConsumption(
        addCounts(releaseRun(generous, 'WC-CUT', 'c'), 100, 0, AT),
        { bomItem: '0010', quantity: { value: kg, unit: 'kg' }, source: 'scan' },
        units,
        AT,
      );
    // (107 - 100) / 100 * 100 is 7.000000000000001 in binary floating point.
    expect(types(completeOperation(scanned(107), DONE).drafts)).toEqual([
      'operation.confirmed.v1',
      'material.consumed.v1',
    ]);
    expect(types(completeOperation(scanned(93), DONE).drafts)).toEqual([
      'operation.confirmed.v1',
      'material.consumed.v1',
    ]);
  });

  it('holds an over-consumption beyond tolerance (+8 %) instead of posting it', () => {
    const { run, drafts } = completeOperation(cutting(270), DONE);
    expect(types(drafts)).toEqual(['operation.confirmed.v1', 'consumption.out-of-tolerance.v1']);
    expect(payloadOf(drafts, 'consumption.out-of-tolerance.v1')).toMatchObject({
      planned: { value: 250 },
      actual: { value: 270 },
      deviationPercent: 8,
      allowedOverPercent: 5,
    });
    expect(run.held.map((h) => h.bomItem)).toEqual(['0010']);
    envelope(drafts, 'WC-CUT');
  });

  it('posts a held consumption exactly once when approved', () => {
    const held = completeOperation(cutting(270), DONE).run;
    const approved = approveConsumption(held, { bomItem: '0010', approvedAt: DONE });
    expect(types(approved.drafts)).toEqual(['material.consumed.v1']);
    expect(payloadOf(approved.drafts, 'material.consumed.v1')).toMatchObject({
      quantity: { value: 270, unit: 'kg' },
      lot: 'COIL-7',
      source: 'operator',
    });
    expect(approved.run.held).toEqual([]);
    let error: unknown;
    try {
      approveConsumption(approved.run, { bomItem: '0010', approvedAt: DONE });
    } catch (e) {
      error = e;
    }
    expect(isMillwrightError(error, 'MW_WORKCENTER_NOTHING_HELD')).toBe(true);
  });

  it('posts the corrected quantity when the reviewer corrects it', () => {
    const held = completeOperation(cutting(270), DONE).run;
    const approved = approveConsumption(held, {
      bomItem: '0010',
      correctedQuantity: 252,
      approvedAt: DONE,
    });
    expect(payloadOf(approved.drafts, 'material.consumed.v1')).toMatchObject({
      quantity: { value: 252, unit: 'kg' },
    });
  });

  it('holds a BOM line that was never scanned (-100 %)', () => {
    const { drafts } = completeOperation(
      addCounts(releaseRun(order, 'WC-CUT', 'c'), 100, 0, AT),
      DONE,
    );
    expect(payloadOf(drafts, 'consumption.out-of-tolerance.v1')).toMatchObject({
      actual: { value: 0 },
      deviationPercent: -100,
    });
  });

  it('refuses a scan against a BOM item the operation does not consume', () => {
    let error: unknown;
    try {
      addConsumption(
        releaseRun(order, 'WC-CUT', 'c'),
        { bomItem: '0020', quantity: { value: 1, unit: 'ea' }, source: 'scan' },
        units,
        AT,
      );
    } catch (e) {
      error = e;
    }
    expect(isMillwrightError(error, 'MW_WORKCENTER_UNKNOWN_BOM_ITEM')).toBe(true);
  });

  it('refuses to run an order on a work center outside its routing', () => {
    expect(() => releaseRun(order, 'WC-PAINT', 'c')).toThrow(
      expect.objectContaining({ type: 'MW_WORKCENTER_ORDER_NOT_HERE' }) as Error,
    );
  });
});
