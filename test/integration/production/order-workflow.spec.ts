// The order workflow through a real broker in embedded mode (SQLite store): master data is
// loaded, orders.release dispatches an order to the actors of its routing, counts and scans
// run it to the target, and the business outbox holds exactly the postings the oracle
// expects. Then the tolerance acceptance: an over-consumption is held and posted once on
// approval (audited), and downtime gets its reason path from master data.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, loadConfig } from '../../../services/platform/index.ts';
import { startNode, type RunningNode } from '../../../services/runtime/run-node.ts';
import { masterDataP100, orderFor } from '../../fixtures/production/plant-p100.ts';

interface OutboxEvent {
  eventId: string;
  type: string;
  correlationId: string;
  productionOrder?: string;
  operation?: string;
  origin: { kind: string; id: string };
  payload: Record<string, unknown>;
}

const CUT = { plant: 'P100', workCenter: 'WC-CUT' };
const ASM = { plant: 'P100', workCenter: 'WC-ASM' };
const round9 = (value: number) => Math.round(value * 1e9) / 1e9;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 6, minute)).toISOString();

/** Deterministic counter inputs until `target` good parts: the test's own oracle sums them. */
function countsUntil(target: number, source: string, firstSeq: number) {
  const inputs: { source: string; sourceSeq: number; good: number; scrap: number }[] = [];
  let good = 0;
  for (let i = 0; good < target; i++) {
    const input = {
      source,
      sourceSeq: firstSeq + i,
      good: 9 + (i % 3),
      scrap: i % 4 === 3 ? 1 : 0,
    };
    inputs.push(input);
    good += input.good;
  }
  const sum = (f: (x: (typeof inputs)[number]) => number) => inputs.reduce((a, x) => a + f(x), 0);
  return { inputs, good: sum((x) => x.good), scrap: sum((x) => x.scrap) };
}

describe('order workflow in embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-workflow-'));
  let node: RunningNode;

  const call = <T = unknown>(action: string, params: object, meta: object = {}) =>
    node.broker.call<T, object>(action, params, { meta });
  const feed = async (where: typeof CUT, inputs: ReturnType<typeof countsUntil>['inputs']) => {
    for (const [i, input] of inputs.entries()) {
      await call('workcenter.host.tell', {
        key: `${where.plant}/${where.workCenter}`,
        message: { kind: 'counts.reported', ...input, occurredAt: at(10 + i) },
      });
    }
  };
  function outbox(order?: string): OutboxEvent[] {
    const db = new Database(join(dataDir, 'actors.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT event FROM business_outbox ORDER BY position').all() as {
        event: string;
      }[];
      const events = rows.map((r) => JSON.parse(r.event) as OutboxEvent);
      return order === undefined ? events : events.filter((e) => e.productionOrder === order);
    } finally {
      db.close();
    }
  }
  /** A posted quantity rounded to 1e-9: scans in g and kg add up in binary floating point. */
  const quantityOf = (payload: Record<string, unknown> | undefined) => {
    const q = payload?.['quantity'] as { value: number; unit: string } | undefined;
    return q === undefined ? undefined : { value: round9(q.value), unit: q.unit };
  };
  const ofType = (events: OutboxEvent[], type: string) => events.filter((e) => e.type === type);

  beforeAll(async () => {
    node = await startNode(
      loadConfig(
        {},
        { MILLWRIGHT_DATA_DIR: dataDir, MILLWRIGHT_METRICS_PORT: '0', LOG_LEVEL: 'warn' },
      ),
      ['production', 'actors'],
    );
    await node.broker.waitForServices(['workcenter.host', 'orders', 'masterdata']);
    await call('masterdata.load', masterDataP100);
  });

  afterAll(async () => {
    await node.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts one confirmation per operation, one goods issue per consumed BOM line and one goods receipt per lot, equal to the oracle', async () => {
    const released = await call('orders.release', orderFor(), { correlationId: 'erp-rel-1' });
    expect(released).toMatchObject({ status: 'released', workCenters: ['WC-CUT', 'WC-ASM'] });

    // Cutting: steel scanned in two units of one coil, then counts up to the target.
    const cut = countsUntil(100, 'plc-cut', 1);
    const steelKg = 2.5 * (cut.good + cut.scrap) * 1.01; // within +5 % of the BOM
    await call('workcenter.host.recordConsumption', {
      ...CUT,
      source: 'scanner-1',
      sourceSeq: 1,
      bomItem: '0010',
      quantity: { value: 200, unit: 'kg' },
      lot: 'COIL-7',
      occurredAt: at(5),
    });
    await call('workcenter.host.recordConsumption', {
      ...CUT,
      source: 'scanner-1',
      sourceSeq: 2,
      bomItem: '0010',
      quantity: { value: (steelKg - 200) * 1000, unit: 'g' },
      lot: 'COIL-7',
      occurredAt: at(6),
    });
    await feed(CUT, cut.inputs);
    // Assembly: bolts back-flushed, finished goods received restricted (inspection required).
    const asm = countsUntil(100, 'plc-asm', 1);
    await feed(ASM, asm.inputs);
    // Re-sent inputs, a repeated release and counts after completion post nothing more.
    await feed(ASM, asm.inputs);
    await call('orders.release', orderFor(), { correlationId: 'erp-rel-1' });
    await feed(ASM, [{ source: 'plc-asm', sourceSeq: 1_000, good: 5, scrap: 0 }]);

    const events = outbox('1000123');
    const confirmations = ofType(events, 'operation.confirmed.v1');
    expect(confirmations.map((e) => [e.operation, e.payload['yield'], e.payload['scrap']])).toEqual(
      [
        ['0010', { value: cut.good, unit: 'ea' }, { value: cut.scrap, unit: 'ea' }],
        ['0020', { value: asm.good, unit: 'ea' }, { value: asm.scrap, unit: 'ea' }],
      ],
    );
    // The release's correlation id follows the order to every posting of it.
    const postings = events.filter((e) => e.type !== 'scrap.declared.v1');
    expect([...new Set(postings.map((e) => e.correlationId))]).toEqual(['erp-rel-1']);
    const issues = ofType(events, 'material.consumed.v1').map((e) => e.payload);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ bomItem: '0010', material: 'RM-STEEL', lot: 'COIL-7' });
    expect(quantityOf(issues[0])).toEqual({ value: round9(steelKg), unit: 'kg' });
    expect(issues[1]).toMatchObject({
      bomItem: '0020',
      material: 'CP-BOLT',
      quantity: { value: 4 * (asm.good + asm.scrap), unit: 'ea' },
      source: 'backflush',
    });
    expect(ofType(events, 'goods.received.v1').map((e) => e.payload)).toEqual([
      {
        order: '1000123',
        material: 'FG-100',
        lot: 'L1000123-0020',
        quantity: { value: asm.good, unit: 'ea' },
        stockStatus: 'restricted',
      },
    ]);
    expect(ofType(events, 'quality.hold.v1')).toHaveLength(1);
    expect(ofType(events, 'consumption.out-of-tolerance.v1')).toEqual([]);
    expect(new Set(outbox().map((e) => e.eventId)).size).toBe(outbox().length);
  });

  it('holds an over-consumption beyond tolerance and posts exactly one goods issue when approved', async () => {
    await call('orders.release', orderFor({ order: '1000124' }), { correlationId: 'erp-rel-2' });
    const cut = countsUntil(100, 'plc-cut', 500);
    const planned = 2.5 * (cut.good + cut.scrap);
    await call('workcenter.host.recordConsumption', {
      ...CUT,
      source: 'scanner-1',
      sourceSeq: 10,
      bomItem: '0010',
      quantity: { value: round9(planned * 1.08), unit: 'kg' }, // +8 %, 5 % allowed
      lot: 'COIL-9',
      occurredAt: at(40),
    });
    await feed(CUT, cut.inputs);
    let events = outbox('1000124');
    expect(ofType(events, 'operation.confirmed.v1')).toHaveLength(1);
    expect(ofType(events, 'consumption.out-of-tolerance.v1')).toHaveLength(1);
    expect(ofType(events, 'material.consumed.v1')).toEqual([]);

    const approved = await call(
      'workcenter.host.approveConsumption',
      { ...CUT, bomItem: '0010' },
      { actor: 'key:supervisor-2', correlationId: 'approve-1' },
    );
    expect(approved).toMatchObject({ committed: true, reply: { approved: { order: '1000124' } } });
    const again = await call(
      'workcenter.host.approveConsumption',
      { ...CUT, bomItem: '0010' },
      { actor: 'key:supervisor-2' },
    ).catch((e: unknown) => e);
    expect(again).toMatchObject({ type: 'MW_WORKCENTER_NOTHING_HELD', code: 404 });

    events = outbox('1000124');
    const issues = ofType(events, 'material.consumed.v1');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      origin: { kind: 'operator', id: 'key:supervisor-2' },
      payload: { lot: 'COIL-9', source: 'operator' },
    });
    expect(quantityOf(issues[0]?.payload)).toEqual({ value: round9(planned * 1.08), unit: 'kg' });
    const audit = new AuditLog(join(dataDir, 'audit.sqlite'));
    try {
      const approvals = audit
        .list(0, 1_000)
        .filter((e) => e.action === 'workcenter.host.approveConsumption');
      expect(approvals.map((e) => [e.actor, e.target, e.outcome])).toEqual([
        ['key:supervisor-2', 'P100/WC-CUT 1000124/0010', 'ok'],
        ['key:supervisor-2', 'P100/WC-CUT */0010', 'failed: MW_WORKCENTER_NOTHING_HELD'],
      ]);
      expect(audit.verify()).toMatchObject({ ok: true });
    } finally {
      audit.close();
    }
  });

  it('records downtime with the reason path from master data and completes an operation on request', async () => {
    const state = (sourceSeq: number, s: string, minute: number, reason?: string) =>
      call('workcenter.host.reportMachineState', {
        ...ASM,
        source: 'plc-asm',
        sourceSeq,
        state: s,
        occurredAt: at(minute),
        ...(reason === undefined ? {} : { reason }),
      });
    await state(2_000, 'running', 50);
    await state(2_001, 'down', 55, 'JAM');
    await state(2_002, 'running', 62);
    const unknown = await state(2_003, 'down', 63, 'GHOST').catch((e: unknown) => e);
    expect(unknown).toMatchObject({ type: 'MW_WORKCENTER_UNKNOWN_REASON' });
    const downtime = ofType(outbox(), 'downtime.recorded.v1');
    expect(downtime.map((e) => [e.productionOrder, e.payload])).toEqual([
      [
        '1000124',
        {
          startedAt: at(55),
          endedAt: at(62),
          durationMs: 7 * 60_000,
          reason: 'JAM',
          reasonPath: ['DOWN', 'JAM'],
          planned: false,
        },
      ],
    ]);

    const completed = await call(
      'workcenter.host.completeOperation',
      { ...ASM, order: '1000124', occurredAt: at(70) },
      { actor: 'key:shift-lead' },
    );
    expect(completed).toMatchObject({ reply: { completed: { order: '1000124' } } });
    const confirmation = ofType(outbox('1000124'), 'operation.confirmed.v1').find(
      (e) => e.operation === '0020',
    );
    expect(confirmation).toMatchObject({
      origin: { kind: 'operator', id: 'key:shift-lead' },
      payload: { yield: { value: 0 }, finishedAt: at(70) },
    });
    // Nothing good was produced: no lot to receive or hold.
    expect(ofType(outbox('1000124'), 'goods.received.v1')).toEqual([]);
  });

  it('answers a bad request with MW_CONTRACT_INVALID and a refused one with its MW_WORKCENTER_* code', async () => {
    const invalid = await call('workcenter.host.recordConsumption', {
      ...CUT,
      bomItem: '0010',
    }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ type: 'MW_CONTRACT_INVALID' });
    expect((invalid as { data: { issues: unknown[] } }).data.issues.length).toBeGreaterThan(0);
    const idle = await call('workcenter.host.recordConsumption', {
      ...CUT,
      source: 'scanner-1',
      sourceSeq: 99,
      bomItem: '0010',
      quantity: { value: 1, unit: 'kg' },
      occurredAt: at(80),
    }).catch((e: unknown) => e);
    expect(idle).toMatchObject({ type: 'MW_WORKCENTER_NO_ACTIVE_ORDER', code: 409 });
  });
});
