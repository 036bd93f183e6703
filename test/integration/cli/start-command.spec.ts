// `millwright start` (what `npm start` runs) as a user meets it: it prints what it started,
// stops cleanly on SIGINT / SIGTERM, and with TRANSPORTER joins a NATS cluster.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker } from 'moleculer';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { spawnNode } from '../../support/child-node.ts';
import { describeWithServers, freePort, startNatsServer } from '../../support/servers/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mw-start-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('millwright start (embedded)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints what it started and stops gracefully on %s',
    async (signal) => {
      const node = spawnNode(['bin/millwright.js', 'start', '--data-dir', dataDir], {}, false);
      await node.waitFor('Press Ctrl-C to stop.');
      expect(node.output()).toContain('mode:     embedded');
      expect(node.output()).toContain('platform.node');
      expect(await node.stop(signal)).toBe(0);
      expect(node.output()).toContain('stopped.');
    },
  );

  it('serves Prometheus metrics on the port it prints', async () => {
    const port = await freePort();
    const node = spawnNode(
      ['bin/millwright.js', 'start', '--data-dir', dataDir, '--metrics-port', String(port)],
      {},
      false,
    );
    try {
      await node.waitFor('Press Ctrl-C to stop.');
      expect(node.output()).toContain(`http://127.0.0.1:${port}/metrics`);
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('moleculer_node_type');
    } finally {
      await node.stop();
    }
  });

  it('millwright node runs only the groups it is given (platform always)', async () => {
    const node = spawnNode(
      ['bin/millwright.js', 'node', '--services', 'platform', '--data-dir', dataDir],
      {},
      false,
    );
    await node.waitFor('Press Ctrl-C to stop.');
    expect(node.output()).toContain('services: $node, platform.node\n');
    expect(await node.stop('SIGINT')).toBe(0);
  });

  it('refuses a bad option value naming it, with a non-zero exit', async () => {
    const node = spawnNode(['bin/millwright.js', 'start', '--transporter', 'redis://x'], {}, false);
    expect(await node.exited()).toBe(2);
    expect(node.output()).toContain('MW_CONFIG_INVALID');
    expect(node.output()).toContain('TRANSPORTER');
  });
});

describeWithServers(['nats-server'], 'millwright start with TRANSPORTER', () => {
  it('joins NATS and answers platform.node.describe from another process', async () => {
    const nats = await startNatsServer();
    const node = spawnNode(
      ['bin/millwright.js', 'start', '--data-dir', dataDir],
      {
        TRANSPORTER: nats.url,
        MILLWRIGHT_NODE_ID: 'started-node',
      },
      false,
    );
    const observer = new ServiceBroker(
      createBrokerOptions(
        loadConfig({
          TRANSPORTER: nats.url,
          MILLWRIGHT_NODE_ID: 'observer',
          LOG_LEVEL: 'warn',
          MILLWRIGHT_METRICS_PORT: '0',
        }),
      ),
    );
    try {
      await node.waitFor('Press Ctrl-C to stop.');
      expect(node.output()).toContain(`cluster on ${nats.url}`);
      await observer.start();
      await observer.waitForServices(['platform.node'], 20_000);
      const description = await observer.call(
        'platform.node.describe',
        {},
        { nodeID: 'started-node' },
      );
      expect(description).toMatchObject({
        nodeId: 'started-node',
        mode: 'cluster',
        serializer: 'MsgpackrSerializer',
      });
      expect(await node.stop('SIGINT')).toBe(0);
    } finally {
      await observer.stop();
      await node.stop('SIGKILL');
      await nats.dispose();
    }
  });
});
