// orders.release and masterdata through a real broker: the caller gets the accept or the
// MW_ORDER_REJECTED error with every problem, and accepted orders reach workcenter.host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'moleculer';
import { MillwrightError } from '../../../contracts/index.ts';
import { AuditLog, loadConfig } from '../../../services/platform/index.ts';
import { startNode, type RunningNode } from '../../../services/runtime/run-node.ts';
import { masterDataP100, orderFor } from '../../fixtures/production/plant-p100.ts';

describe('orders and masterdata services', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-orders-'));
  const received: { workCenter: string; order: string; correlationId: unknown }[] = [];
  let node: RunningNode;

  beforeAll(async () => {
    node = await startNode(
      loadConfig({ MILLWRIGHT_DATA_DIR: dataDir, MILLWRIGHT_METRICS_PORT: '0', LOG_LEVEL: 'warn' }),
      ['production'],
    );
    // Stands in for the actor host, which takes accepted orders per work center.
    node.broker.createService({
      name: 'workcenter.host',
      actions: {
        releaseOrder(
          ctx: Context<
            { workCenter: string; order: { order: string } },
            { correlationId?: string }
          >,
        ) {
          received.push({
            workCenter: ctx.params.workCenter,
            order: ctx.params.order.order,
            correlationId: ctx.meta.correlationId,
          });
          return { ok: true };
        },
      },
    });
    await node.broker.waitForServices(['workcenter.host', 'orders', 'masterdata']);
  });

  afterAll(async () => {
    await node.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to release before master data is loaded, retryably', async () => {
    const error: unknown = await node.broker
      .call('orders.release', orderFor())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'MW_MASTERDATA_NOT_LOADED', retryable: true });
  });

  it('loads master data and answers queries from it', async () => {
    await expect(node.broker.call('masterdata.load', masterDataP100)).resolves.toMatchObject({
      plant: 'P100',
      version: 1,
    });
    await expect(
      node.broker.call('masterdata.getMaterial', { plant: 'P100', code: 'RM-STEEL' }),
    ).resolves.toMatchObject({ baseUnit: 'kg' });
    await expect(
      node.broker.call('masterdata.reasonPath', { plant: 'P100', code: 'JAM' }),
    ).resolves.toEqual(['DOWN', 'JAM']);
  });

  it('audits every master data load, refused ones included, in a verifiable chain', async () => {
    await node.broker
      .call('masterdata.load', masterDataP100, { meta: { actor: 'key:ops-1' } })
      .catch(() => undefined);
    const audit = new AuditLog(join(dataDir, 'audit.sqlite'));
    try {
      expect(audit.list().map((e) => [e.actor, e.action, e.target, e.outcome])).toEqual([
        ['system', 'masterdata.load', 'P100 v1', 'ok'],
        ['key:ops-1', 'masterdata.load', '-', 'failed: MW_MASTERDATA_STALE_VERSION'],
      ]);
      expect(audit.verify()).toEqual({ ok: true, entries: 2 });
    } finally {
      audit.close();
    }
  });

  it('releases a valid order to the actor of each work center with the correlation id', async () => {
    const result = await node.broker.call('orders.release', orderFor(), {
      meta: { correlationId: 'erp-release-77' },
    });
    expect(result).toMatchObject({
      accepted: true,
      status: 'released',
      workCenters: ['WC-CUT', 'WC-ASM'],
    });
    expect(received).toEqual([
      { workCenter: 'WC-CUT', order: '1000123', correlationId: 'erp-release-77' },
      { workCenter: 'WC-ASM', order: '1000123', correlationId: 'erp-release-77' },
    ]);
  });

  it('answers an invalid order with MW_ORDER_REJECTED listing the problems', async () => {
    const error: unknown = await node.broker
      .call('orders.release', orderFor({ order: '1000124', material: 'FG-999' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MillwrightError);
    expect(error).toMatchObject({
      type: 'MW_ORDER_REJECTED',
      code: 422,
      data: { problems: [{ code: 'MW_ORDER_UNKNOWN_MATERIAL', path: ['material'] }] },
    });
  });
});
