// End to end in embedded mode: the plant demo releases 3 orders on each of 3 work centers and
// drives them with real telemetry frames; the actors' events reach the business lane in their
// commit transaction and the ERP connector posts them to the ERP simulator. Afterwards ERP holds
// exactly one confirmation per operation, one goods issue per consumed component line and one
// goods receipt per produced lot, with the quantities of the demo's own oracle (the cluster
// version, separate processes on real NATS, is plant-to-erp-cluster.spec.ts).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../services/platform/index.ts';
import { runPlantDemo, type OrderOracle } from '../../services/runtime/plant-demo.ts';
import { startNode, type RunningNode } from '../../services/runtime/run-node.ts';
import { freePort } from '../support/servers/index.ts';
import { waitFor } from '../support/wait-for.ts';
import { expectedPostings, heldPostings, postingsOracle } from './support/erp-postings-oracle.ts';

interface Counts {
  confirmations: number;
  materialDocuments: number;
  postsReceived: number;
  repeatedRequests: number;
  rejected: number;
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
        (r) => JSON.parse(r.body) as unknown,
      );
    const held = heldPostings(bodies('confirmations'), bodies('material_documents'));
    db.close();
    expect(postingsOracle('plant to ERP, embedded', expectedPostings(oracle), held)).toEqual({
      test: 'plant to ERP, embedded',
      expected: 27,
      posted: 27,
      duplicates: 0,
      lost: 0,
      unexpected: 0,
    });
  }, 60_000);
});
