// What a new user does after `npm start`: click the dashboard link it prints. The link carries a
// fresh loopback-only demo key in its fragment; the page signs in with it, goes live, shows the
// plant demo's work centers, and takes the key out of the address bar.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNode } from '../support/child-node.ts';
import { freePort } from '../support/servers/index.ts';
import { describeWithChromium, launchChromium } from './browser.ts';

describeWithChromium('the dashboard link npm start prints', () => {
  it('opens the live dashboard with one click', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-demo-link-'));
    const [erpPort, qmsPort] = [await freePort(), await freePort()];
    const node = spawnNode(
      ['bin/millwright.js', 'start', '--data-dir', dataDir],
      { MILLWRIGHT_ERP_SIM_PORT: String(erpPort), MILLWRIGHT_QMS_SIM_PORT: String(qmsPort) },
      false,
    );
    const browser = await launchChromium();
    try {
      await node.waitFor('Press Ctrl-C to stop.', 60_000);
      const link = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/dashboard#key=mwk_[\w-]+)\n/.exec(
        node.output(),
      )?.[1];
      expect(link).toBeDefined();
      const page = await browser.context.newPage();
      await page.goto(link ?? '');
      await page.getByTestId('live').filter({ hasText: 'live' }).waitFor({ timeout: 30_000 });
      // The demo's orders reach the work-center actors: their rows appear without a reload.
      await page
        .getByTestId('actors-table')
        .getByText('P100/WC-PRESS-1')
        .waitFor({ timeout: 60_000 });
      expect(page.url()).not.toContain('#key=');
      expect(page.url()).not.toContain('mwk_');
      expect(await node.stop('SIGINT')).toBe(0);
    } finally {
      await browser.close();
      await node.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
