// End to end in embedded mode: the plant demo releases 3 orders on each of 3 work centers and
// drives them with real telemetry frames; the actors' events reach the business lane in their
// commit transaction and the ERP connector posts them to the ERP simulator. Afterwards ERP holds
// exactly one confirmation per operation, one goods issue per consumed component line and one
// goods receipt per produced lot, with the quantities of the demo's own oracle.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../services/platform/index.ts';
import { runPlantDemo, type OrderOracle } from '../../services/runtime/plant-demo.ts';
import { startNode, type RunningNode } from '../../services/runtime/run-node.ts';
import { freePort } from '../support/servers/index.ts';
import { waitFor } from '../support/wait-for.ts';

interface Counts {
  confirmations: number;
  materialDocuments: number;
  postsReceived: number;
  repeatedRequests: number;
  rejected: number;
}
interface Item {
  Material: string;
  GoodsMovementType: string;
  QuantityInEntryUnit: string;
  ManufacturingOrder?: string;
}

describe('plant to ERP (embedded)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-e2e-'));
  let node: RunningNode;

  afterAll(async () => {
    await node.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts one confirmation per operation, one goods issue per line and one receipt per lot, equal to the oracle', async () => {
    const port = await freePort();
    node = await startNode(
      loadConfig(
        {},
        {
          MILLWRIGHT_DATA_DIR: dataDir,
          MILLWRIGHT_METRICS_PORT: '0',
          MILLWRIGHT_ERP_SIM_PORT: String(port),
          LOG_LEVEL: 'warn',
        },
      ),
      ['production', 'actors', 'connectors'],
    );
    await node.broker.waitForServices(['workcenter.host', 'orders', 'erp.connector']);
    const oracle: OrderOracle[] = await runPlantDemo(node.broker, { target: 20 });
    expect(oracle).toHaveLength(9);
    const counts = () => node.broker.call<Counts>('erp.simulator.counts');
    await waitFor(
      'every posting in ERP',
      async () => {
        const c = await counts();
        return c.confirmations >= 9 && c.materialDocuments >= 18;
      },
      45_000,
    );
    // Let a late duplicate show up if there were one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await counts()).toMatchObject({
      confirmations: 9,
      materialDocuments: 18,
      rejected: 0,
    });

    const db = new Database(join(dataDir, 'erp-simulator.sqlite'), { readonly: true });
    const bodies = (table: string) =>
      (db.prepare(`SELECT body FROM ${table}`).all() as { body: string }[]).map(
        (r) => JSON.parse(r.body) as Record<string, unknown>,
      );
    const confirmations = bodies('confirmations');
    const documents = bodies('material_documents');
    db.close();
    const confirmed = confirmations
      .map((c) => [
        c['OrderID'],
        Number(c['ConfirmationYieldQuantity']),
        Number(c['ConfirmationScrapQuantity']),
      ])
      .sort();
    expect(confirmed).toEqual(oracle.map((o) => [o.order, o.good, o.scrap]).sort());
    const items = documents.flatMap(
      (d) => (d['to_MaterialDocumentItem'] as { results: Item[] }).results,
    );
    const moves = (type: string) =>
      items
        .filter((i) => i.GoodsMovementType === type)
        .map((i) => [
          i.ManufacturingOrder,
          i.Material,
          Math.round(Number(i.QuantityInEntryUnit) * 1e6) / 1e6,
        ])
        .sort();
    expect(moves('261')).toEqual(
      oracle.map((o) => [o.order, o.component, Math.round(o.consumed * 1e6) / 1e6]).sort(),
    );
    expect(moves('101')).toEqual(oracle.map((o) => [o.order, o.material, o.good]).sort());
  }, 60_000);
});
