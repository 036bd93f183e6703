import {
  isMillwrightError,
  ProductionOrder,
  type MillwrightError,
} from '../../../contracts/index.ts';
import {
  MasterDataStore,
  OrderBook,
  releaseOrder,
  validateOrder,
  type OrderProblem,
} from '../../../production/index.ts';
import { masterDataP100, orderFor } from '../../fixtures/production/plant-p100.ts';

describe('orders.release', () => {
  let masterData: MasterDataStore;
  let book: OrderBook;
  let dispatched: { order: string; workCenters: readonly string[]; correlationId: string }[];
  let failDispatch: boolean;

  const deps = () => ({
    masterData,
    book,
    dispatch: async (
      order: ProductionOrder,
      workCenters: readonly string[],
      correlationId: string,
    ) => {
      await Promise.resolve();
      if (failDispatch) throw new Error('no workcenter.host available');
      dispatched.push({ order: order.order, workCenters, correlationId });
    },
  });

  async function rejection(raw: unknown): Promise<MillwrightError> {
    const error: unknown = await releaseOrder(raw, 'corr-1', deps()).catch((e: unknown) => e);
    if (!isMillwrightError(error))
      throw new Error(`expected a MillwrightError, got ${String(error)}`);
    return error;
  }

  beforeEach(() => {
    masterData = new MasterDataStore(':memory:');
    masterData.load(masterDataP100);
    book = new OrderBook(':memory:');
    dispatched = [];
    failDispatch = false;
  });
  afterEach(() => {
    masterData.close();
    book.close();
  });

  it('accepts a valid order and dispatches it once to each of its work centers', async () => {
    const result = await releaseOrder(orderFor(), 'corr-1', deps());
    expect(result).toEqual({
      accepted: true,
      plant: 'P100',
      order: '1000123',
      status: 'released',
      workCenters: ['WC-CUT', 'WC-ASM'],
      masterDataVersion: 1,
      correlationId: 'corr-1',
    });
    expect(dispatched).toEqual([
      { order: '1000123', workCenters: ['WC-CUT', 'WC-ASM'], correlationId: 'corr-1' },
    ]);
  });

  it('lists every problem of an order at once, each with its path and code', async () => {
    const order = orderFor({
      material: 'FG-999',
      targetQuantity: { value: 100, unit: 'ea' },
      routing: {
        id: 'R-FG-100',
        revision: 'A',
        operations: [{ operation: '0010', workCenter: 'WC-NOPE', idealCycleTimeMs: 1000 }],
      },
      components: [
        {
          item: '0010',
          material: 'RM-STEEL',
          quantity: { value: 250, unit: 'm' },
          tolerance: { underPercent: 2, overPercent: 5 },
          operation: '0010',
        },
        {
          item: '0010',
          material: 'CP-BOLT',
          quantity: { value: 4, unit: 'ea' },
          tolerance: { underPercent: 0, overPercent: 1 },
          operation: '0090',
        },
      ],
      scheduledEnd: '2026-12-01T05:00:00Z',
    });
    const error = await rejection(order);
    expect(error.type).toBe('MW_ORDER_REJECTED');
    const problems = (error.data as { problems: OrderProblem[] }).problems.map(
      (p) => `${p.code} ${p.path.join('.')}`,
    );
    expect(problems.sort()).toEqual(
      [
        'MW_ORDER_SCHEDULE_INVALID scheduledEnd',
        'MW_ORDER_UNKNOWN_MATERIAL material',
        'MW_ORDER_ROUTING_NOT_CURRENT routing.revision',
        'MW_ORDER_UNKNOWN_WORK_CENTER routing.operations.0.workCenter',
        'MW_ORDER_UNIT_NOT_CONVERTIBLE components.0.quantity.unit',
        'MW_ORDER_BOM_INCONSISTENT components.1.item',
        'MW_ORDER_BOM_INCONSISTENT components.1.operation',
        'MW_ORDER_BOM_INCONSISTENT qualityInstructions.0.operation',
      ].sort(),
    );
    expect(dispatched).toEqual([]);
  });

  it('rejects an order of a plant that has no master data loaded, as retryable', async () => {
    const error = await rejection(orderFor({ plant: 'P200' }));
    expect(error.type).toBe('MW_MASTERDATA_NOT_LOADED');
    expect(error.retryable).toBe(true);
  });

  it('flags an order validated against another plant', () => {
    const order = ProductionOrder.parse(orderFor({ plant: 'P200' }));
    expect(validateOrder(order, masterData.get('P100')).map((p) => p.code)).toEqual([
      'MW_ORDER_WRONG_PLANT',
    ]);
  });

  it('rejects a malformed order with zod issues before looking at master data', async () => {
    const error = await rejection({ order: '1', plant: 'P100' });
    expect(error.type).toBe('MW_CONTRACT_INVALID');
  });

  it('treats a repeated release of the same order as idempotent', async () => {
    await releaseOrder(orderFor(), 'corr-1', deps());
    const again = await releaseOrder(orderFor(), 'corr-2', deps());
    expect(again.status).toBe('already-released');
    expect(dispatched).toHaveLength(1);
  });

  it('refuses the same order number with different content', async () => {
    await releaseOrder(orderFor(), 'corr-1', deps());
    const error = await rejection(orderFor({ targetQuantity: { value: 120, unit: 'ea' } }));
    expect(error.type).toBe('MW_ORDER_CONFLICT');
  });

  it('reports a failed dispatch as retryable and dispatches on the next release', async () => {
    failDispatch = true;
    const error = await rejection(orderFor());
    expect(error.type).toBe('MW_ORDER_DISPATCH_FAILED');
    expect(error.retryable).toBe(true);
    failDispatch = false;
    expect((await releaseOrder(orderFor(), 'corr-1', deps())).status).toBe('released');
    expect(dispatched).toHaveLength(1);
  });
});
