// `millwright start` (what `npm start` runs) as a user meets it: it prints what it started,
// a dashboard link that opens with one click (a fresh loopback-only demo key in its fragment),
// stops cleanly on SIGINT / SIGTERM, and with TRANSPORTER joins a NATS cluster.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker } from 'moleculer';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { spawnNode } from '../../support/child-node.ts';
import { describeWithServers, freePort, startNatsServer } from '../../support/servers/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mw-start-'));
/** The built-in simulators on free ports: never the defaults a developer's `npm start` holds. */
const simulatorPorts = async () => ({
  MILLWRIGHT_ERP_SIM_PORT: String(await freePort()),
  MILLWRIGHT_QMS_SIM_PORT: String(await freePort()),
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('millwright start (embedded)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints what it started and stops gracefully on %s',
    async (signal) => {
      const node = spawnNode(
        ['bin/millwright.js', 'start', '--data-dir', dataDir],
        await simulatorPorts(),
        false,
      );
      await node.waitFor('Press Ctrl-C to stop.');
      expect(node.output()).toContain('mode:     embedded');
      expect(node.output()).toContain('platform.node');
      expect(await node.stop(signal)).toBe(0);
      expect(node.output()).toContain('stopped.');
    },
  );

  it('prints a dashboard link whose demo key works from this host only, and never logs it', async () => {
    const node = spawnNode(
      ['bin/millwright.js', 'start', '--data-dir', dataDir],
      { ...(await simulatorPorts()), MILLWRIGHT_GATEWAY_HOST: '0.0.0.0', LOG_LEVEL: 'debug' },
      false,
    );
    try {
      await node.waitFor('Press Ctrl-C to stop.', 60_000);
      const link = /dashboard: (http:\/\/127\.0\.0\.1:(\d+))\/dashboard#key=(mwk_[\w-]+)\n/.exec(
        node.output(),
      );
      expect(link).not.toBeNull();
      const [, base = '', port = '', key = ''] = link ?? [];
      // What the page does with the fragment: the key goes in a header, never in a URL.
      expect((await fetch(`${base}/dashboard`)).status).toBe(200);
      const snapshot = await fetch(`${base}/api/v1/dashboard`, {
        headers: { Authorization: `ApiKey ${key}` },
      });
      expect(snapshot.status).toBe(200);
      const body = (await snapshot.json()) as { gatewayNode?: unknown };
      expect(typeof body.gatewayNode).toBe('string');
      // Operator: may act (the dead letter does not exist, so 404, not 403).
      const replay = await fetch(`${base}/api/v1/dlq/999999/replay`, {
        method: 'POST',
        headers: { Authorization: `ApiKey ${key}` },
      });
      expect(replay.status).not.toBe(403);
      expect(replay.status).not.toBe(401);
      // Through a local proxy it is someone else's request: refused.
      const proxied = await fetch(`${base}/api/v1/dashboard`, {
        headers: { Authorization: `ApiKey ${key}`, 'X-Forwarded-For': '10.9.8.7' },
      });
      expect(proxied.status).toBe(401);
      // From this machine's own non-loopback address (the gateway listens on 0.0.0.0 here).
      const external = Object.values(networkInterfaces())
        .flat()
        .find((a) => a !== undefined && !a.internal && a.family === 'IPv4');
      if (external === undefined) {
        process.stdout.write('NOT RUN: no non-loopback IPv4 address to call the gateway from\n');
      } else {
        const remote = await fetch(`http://${external.address}:${port}/api/v1/dashboard`, {
          headers: { Authorization: `ApiKey ${key}` },
        });
        expect(remote.status).toBe(401);
        expect(await remote.json()).toMatchObject({
          type: 'MW_GATEWAY_UNAUTHENTICATED',
          data: { reason: 'this key is accepted from this host (loopback) only' },
        });
      }
      expect(await node.stop('SIGINT')).toBe(0);
      // Printed once (the link), logged nowhere, not in the audit log even at debug level.
      expect(node.output().split(key).length - 1).toBe(1);
      expect(readFileSync(join(dataDir, 'audit.sqlite')).includes(key)).toBe(false);
    } finally {
      await node.stop('SIGKILL');
    }
  }, 90_000);

  it('serves Prometheus metrics on the port it prints', async () => {
    const port = await freePort();
    const node = spawnNode(
      ['bin/millwright.js', 'start', '--data-dir', dataDir, '--metrics-port', String(port)],
      await simulatorPorts(),
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
        ...(await simulatorPorts()),
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
