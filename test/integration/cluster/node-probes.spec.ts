// Every node answers /health and /ready for its supervisor, whatever groups it runs: a
// `millwright node --services actors` on NATS is ready once its broker and services run; a node
// is not ready while it starts or stops, and /health answers throughout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker } from 'moleculer';
import {
  checkReadiness,
  createBrokerOptions,
  loadConfig,
  localServiceNames,
  readinessOf,
} from '../../../services/platform/index.ts';
import { startProbeServer } from '../../../services/runtime/probe-server.ts';
import { startNode } from '../../../services/runtime/run-node.ts';
import { spawnNode } from '../../support/child-node.ts';
import { describeWithServers, freePort, startNatsServer } from '../../support/servers/index.ts';
import { waitFor } from '../../support/wait-for.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mw-probes-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A promise and the function that settles it. */
function gate(): { wait: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describeWithServers(['nats-server'], 'probes of a node without the gateway', () => {
  it('millwright node --services actors answers /health and /ready', async () => {
    const nats = await startNatsServer();
    const port = await freePort();
    const node = spawnNode(
      ['bin/millwright.js', 'node', '--services', 'actors', '--node-id', 'probed'],
      {
        TRANSPORTER: nats.url,
        MILLWRIGHT_DATA_DIR: join(dataDir, 'probed'),
        MILLWRIGHT_PROBE_PORT: String(port),
      },
      false,
    );
    try {
      await node.waitFor('Press Ctrl-C to stop.', 60_000);
      const base = `http://127.0.0.1:${port}`;
      expect(node.output()).toContain(`probes:   ${base}/health and ${base}/ready`);
      expect(node.output()).toContain('gateway:  off');
      expect(await get(`${base}/health`)).toMatchObject({
        status: 200,
        body: { status: 'ok', nodeId: 'probed' },
      });
      expect(await get(`${base}/ready`)).toEqual({
        status: 200,
        body: {
          ready: true,
          checks: {
            broker: 'started',
            transporter: 'connected',
            services: { 'platform.node': 'available', 'workcenter.host': 'available' },
          },
        },
      });
      expect(await node.stop('SIGTERM')).toBe(0);
      await expect(fetch(`${base}/health`)).rejects.toThrow();
    } finally {
      await node.stop('SIGKILL');
      await nats.dispose();
    }
  }, 90_000);
});

describe('readiness follows the node through start and stop', () => {
  it('is not ready while services start, then ready', async () => {
    const port = await freePort();
    const config = loadConfig({
      MILLWRIGHT_DATA_DIR: dataDir,
      MILLWRIGHT_METRICS_PORT: '0',
      LOG_LEVEL: 'error',
    });
    const broker = new ServiceBroker(createBrokerOptions(config));
    const starting = gate();
    broker.createService({ name: 'slow', started: () => starting.wait });
    const probes = await startProbeServer({
      host: '127.0.0.1',
      port,
      nodeId: 'probed',
      readiness: () => checkReadiness(readinessOf(broker), localServiceNames(broker)),
    });
    try {
      const started = broker.start();
      const during = await get(`${probes.url}/ready`);
      expect(during).toMatchObject({
        status: 503,
        body: { type: 'MW_PLATFORM_NOT_READY', retryable: true, data: { broker: 'starting' } },
      });
      expect((await get(`${probes.url}/health`)).status).toBe(200);
      starting.open();
      await started;
      expect(await get(`${probes.url}/ready`)).toMatchObject({
        status: 200,
        body: { ready: true },
      });
    } finally {
      await broker.stop();
      await probes.close();
    }
  });

  it('is not ready from the moment the node stops until it is gone; /health answers meanwhile', async () => {
    const port = await freePort();
    const config = loadConfig({
      MILLWRIGHT_DATA_DIR: dataDir,
      MILLWRIGHT_METRICS_PORT: '0',
      MILLWRIGHT_PROBE_PORT: String(port),
      LOG_LEVEL: 'error',
    });
    const node = await startNode(config, ['platform']);
    const base = node.probes?.url ?? '';
    expect(base).toBe(`http://127.0.0.1:${port}`);
    // A service that takes its time to drain, as a host with full mailboxes does.
    const draining = gate();
    node.broker.createService({ name: 'drainer', stopped: () => draining.wait });
    await waitFor('drainer ready', async () => (await get(`${base}/ready`)).status === 200);
    expect((await get(`${base}/ready`)).body).toMatchObject({
      checks: { services: { drainer: 'available', 'platform.node': 'available' } },
    });

    const stopped = node.stop();
    expect(await get(`${base}/ready`)).toMatchObject({
      status: 503,
      body: { type: 'MW_PLATFORM_NOT_READY', data: { broker: 'stopping' } },
    });
    expect((await get(`${base}/health`)).status).toBe(200);
    draining.open();
    await stopped;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });
});
