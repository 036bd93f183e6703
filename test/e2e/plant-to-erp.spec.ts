// End to end in embedded mode, the whole pipeline in this process: the plant simulator (OPC UA
// with SignAndEncrypt and mutual trust, UNS JSON and Sparkplug B on its aedes broker with TLS and
// logins) feeds the node's `edge` group through the demo's plant template; the frames reach the
// work-center actors, whose events enter the business lane in their commit transaction, and the
// ERP connector posts them to the ERP simulator. The plant demo releases 3 orders on each of 3
// work centers and keeps the oracle by the simulator's own counts. Afterwards ERP holds exactly
// one confirmation per operation, one goods issue per consumed component line and one goods
// receipt per produced lot with the oracle's quantities, and per work center the parts the
// simulator made = the parts its actor counted = the parts booked to the orders (the cluster
// version, separate processes on real NATS, is plant-to-erp-cluster.spec.ts).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../services/platform/index.ts';
import { runPlantDemo, startDemoPlant, type DemoPlant } from '../../services/runtime/demo/index.ts';
import { startNode, type RunningNode } from '../../services/runtime/run-node.ts';
import { freePort } from '../support/servers/index.ts';
import { sleep, waitFor } from '../support/wait-for.ts';
import { expectedPostings, heldPostings, postingsOracle } from './support/erp-postings-oracle.ts';
import { expectExactTally } from './support/plant-tally.ts';

interface Counts {
  confirmations: number;
  materialDocuments: number;
  rejected: number;
}

describe('plant to ERP (embedded: simulator, edge, actors and connectors in one process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-e2e-'));
  let plant: DemoPlant | undefined;
  let node: RunningNode | undefined;

  afterAll(async () => {
    await node?.stop();
    await plant?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('posts one confirmation per operation, one goods issue per line and one receipt per lot, equal to the simulator', async () => {
    plant = await startDemoPlant({ dir: join(dataDir, 'demo'), seed: 7 });
    const config = loadConfig(
      {},
      {
        MILLWRIGHT_DATA_DIR: dataDir,
        MILLWRIGHT_METRICS_PORT: '0',
        MILLWRIGHT_ERP_SIM_PORT: String(await freePort()),
        MILLWRIGHT_PLANT_TEMPLATE: plant.templateFile,
        LOG_LEVEL: 'warn',
      },
    );
    node = await startNode(config, ['production', 'actors', 'connectors', 'edge']);
    await node.broker.waitForServices(['workcenter.host', 'orders', 'erp.connector'], 60_000);
    const report = await runPlantDemo(node.broker, plant, { target: 20, tickMs: 40 });
    expect(report.orders).toHaveLength(9);
    expect(report.orders.every((o) => o.good === o.target)).toBe(true);
    expectExactTally('plant to ERP, embedded', report.workCenters);

    const broker = node.broker;
    const counts = () => broker.call<Counts>('erp.simulator.counts');
    await waitFor(
      'every posting in ERP',
      async () => {
        const c = await counts();
        return c.confirmations >= 9 && c.materialDocuments >= 18;
      },
      90_000,
      100,
    );
    await sleep(1_000); // a late duplicate would land now
    expect(await counts()).toMatchObject({ confirmations: 9, materialDocuments: 18, rejected: 0 });

    const db = new Database(join(dataDir, 'erp-simulator.sqlite'), { readonly: true });
    const bodies = (table: string) =>
      (db.prepare(`SELECT body FROM ${table}`).all() as { body: string }[]).map(
        (r) => JSON.parse(r.body) as unknown,
      );
    const held = heldPostings(bodies('confirmations'), bodies('material_documents'));
    db.close();
    expect(postingsOracle('plant to ERP, embedded', expectedPostings(report.orders), held)).toEqual(
      {
        test: 'plant to ERP, embedded',
        expected: 27,
        posted: 27,
        duplicates: 0,
        lost: 0,
        unexpected: 0,
      },
    );
  }, 240_000);
});
