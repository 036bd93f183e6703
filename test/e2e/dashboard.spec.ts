// The dashboard in a real browser against a real embedded node (actors, ERP connector against
// the ERP simulator, gateway): live values move as events post, a poison event's dead letter is
// refused to a viewer key and replayed with an operator key, OEE appears, the trace of the
// replayed event shows its ERP document, and a screenshot is kept.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SqliteLane } from '../../connectors/lane/index.ts';
import { ErpSimulator } from '../../connectors/erp/simulator/index.ts';
import { gatewayAddress } from '../../services/gateway.service.ts';
import { createApiKey } from '../../services/gateway/index.ts';
import { AuditLog, loadConfig } from '../../services/platform/index.ts';
import { LANE_FILE } from '../../services/runtime/business-lane.ts';
import { startNode, type RunningNode } from '../../services/runtime/run-node.ts';
import { tellWorkCenter } from '../../services/workcenter/routing.ts';
import { TEST_MATERIALS } from '../faults/support/erp-rig.ts';
import { inputFor } from '../integration/actors/support/oracle.ts';
import { eventMix, materialConsumed } from '../support/business/events.ts';
import { freePort } from '../support/servers/index.ts';
import { describeWithChromium, launchChromium, type TestBrowser } from './browser.ts';

const ARTIFACTS = join(import.meta.dirname, '../artifacts');
const viewer = createApiKey();
const operator = createApiKey();

describeWithChromium('dashboard in a browser', () => {
  let sim: ErpSimulator;
  let dataDir: string;
  let node: RunningNode;
  let browser: TestBrowser;
  let url: string;

  beforeAll(async () => {
    sim = await ErpSimulator.start({ materials: TEST_MATERIALS, repeatability: false });
    dataDir = mkdtempSync(join(tmpdir(), 'mw-dashboard-'));
    const keyFile = join(dataDir, 'api-keys.json');
    writeFileSync(
      keyFile,
      JSON.stringify({
        keys: [
          { id: 'wall-screen', role: 'viewer', sha256: viewer.sha256 },
          { id: 'shift-lead', role: 'operator', sha256: operator.sha256 },
        ],
      }),
    );
    const config = loadConfig({
      MILLWRIGHT_DATA_DIR: dataDir,
      MILLWRIGHT_NODE_ID: 'dash-node',
      MILLWRIGHT_ERP_URL: sim.url,
      MILLWRIGHT_METRICS_PORT: String(await freePort()),
      MILLWRIGHT_GATEWAY_PORT: '0',
      MILLWRIGHT_GATEWAY_API_KEYS_FILE: keyFile,
      LOG_LEVEL: 'error',
    });
    node = await startNode(config, ['actors', 'connectors', 'gateway']);
    url = gatewayAddress(node.broker)?.url ?? '';
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await node.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const text = (page: Page, testid: string) =>
    page.getByTestId(testid).locator('b').innerText({ timeout: 15_000 });
  const until = async (page: Page, testid: string, wanted: string) => {
    await page
      .getByTestId(testid)
      .locator('b', { hasText: new RegExp(`^${wanted}$`) })
      .waitFor({ timeout: 15_000 });
  };

  it('shows live values, refuses a viewer replay and replays a dead letter as operator', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${url}/dashboard#key=${viewer.key}`);
    await page.getByTestId('live').filter({ hasText: 'live' }).waitFor();
    await page.getByTestId('nodes-table').getByText('dash-node (this gateway)').waitFor();
    expect(await text(page, 'postings-total')).toBe('0');
    await page.locator('#oee-body').getByText('waiting for the first shift update').waitFor();

    // Actors come alive and events post: the tables and counters move without a reload.
    for (const key of ['P100/WC-001', 'P100/WC-002'])
      await tellWorkCenter(node.broker, key, inputFor(key, 1));
    const lane = SqliteLane.open(join(dataDir, LANE_FILE));
    for (const event of eventMix(2, 3)) await lane.publish(event);
    await until(page, 'postings-total', '6');
    const actorRows = page.getByTestId('actors-table').locator('tbody tr');
    await actorRows.nth(1).waitFor();
    expect(await actorRows.count()).toBe(2);
    expect(await actorRows.first().innerText()).toContain('dash-node');
    await page.getByTestId('posting-chart').locator('path.series').waitFor();
    // analytics.connector turns the confirmations into OEE (no order book on this node: the
    // ideal cycle time is given up on after a few tries, so it takes some seconds).
    await page
      .locator('#oee-body')
      .getByText(/WC-01 \(P100\) 2025-03-14 early: OEE/)
      .waitFor({ timeout: 30_000 });

    // A poison event (material unknown to ERP) lands in the dead letters.
    const poison = materialConsumed({ workCenter: 'WC-02', sequence: 99, material: 'RM-MISSING' });
    await lane.publish(poison);
    const replayButton = page.locator('button[data-replay]');
    await replayButton.waitFor({ timeout: 15_000 });
    await page.getByTestId('dead-letters').getByText('MW_ERP_MASTER_DATA_MISSING').waitFor();

    // The viewer key may look but not replay: 403, shown as a message, dead letter kept.
    await replayButton.click();
    await page.getByTestId('message').getByText('MW_GATEWAY_FORBIDDEN').waitFor();
    expect(await page.getByTestId('message').innerText()).toContain('needs role operator');
    expect(await replayButton.count()).toBe(1);

    // Master data fixed in ERP; the operator signs in on the page and replays.
    sim.addMaterial('RM-MISSING');
    await page.locator('#key').fill(operator.key);
    await page.locator('#login button[type=submit]').click();
    await page.getByTestId('live').filter({ hasText: 'live' }).waitFor();
    await replayButton.click();
    await page.getByTestId('message').getByText('replayed: posted').waitFor();
    await page.getByTestId('no-dead-letters').waitFor({ timeout: 15_000 });
    await until(page, 'postings-total', '7');
    expect(sim.documentsByReference().size).toBe(7);

    // Trace search: the poison event's chain, with its ERP document after the replay.
    await page.locator('#trace-query').fill(poison.correlationId);
    await page.locator('#trace-form button').click();
    await page
      .getByTestId('trace-result')
      .getByText(/"foundBy": "correlationId"/)
      .waitFor();
    expect(await page.getByTestId('trace-result').innerText()).toMatch(
      /"state": "posted",\s+"documents": \[\s+"\d{10}\/\d{4}"/,
    );

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    // The refusal was audited with the viewer's key id (never the key), in the node's
    // hash-chained audit log (the gateway's record is the entry's details).
    const log = new AuditLog(join(dataDir, 'audit.sqlite'));
    const entries = log.list(0, 10_000);
    log.close();
    const refused = entries
      .map((entry) => entry.details as { status: number; principal: { id: string } | null })
      .filter((record) => record.status === 403);
    expect(refused.map((r) => r.principal?.id)).toEqual(['wall-screen']);
    expect(JSON.stringify(entries)).not.toContain(viewer.key);
    await lane.close();
  }, 90_000);
});
