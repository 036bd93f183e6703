// The actor metrics as Moleculer exposes them to the Prometheus reporter: an embedded node
// (SQLite) activates, commits, moves and passivates actors and the registry shows the counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker } from 'moleculer';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import type { WorkCenterHost } from '../../../services/workcenter/host.ts';
import { workcenterHostService } from '../../../services/workcenter.host.service.ts';
import { tellWorkCenter } from '../../../services/workcenter/routing.ts';
import { inputFor } from './support/oracle.ts';

function value(broker: ServiceBroker, name: string): number {
  const metric = broker.metrics.getMetric(name) as unknown as {
    snapshot(): { value?: number; count?: number }[];
  };
  const [first] = metric.snapshot();
  return first?.value ?? first?.count ?? 0;
}

describe('actor metrics', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-metrics-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts activations, moves and snapshot latency and gauges active actors', async () => {
    const config = loadConfig({
      MILLWRIGHT_DATA_DIR: dataDir,
      MILLWRIGHT_NODE_ID: 'metrics',
      LOG_LEVEL: 'error',
      MILLWRIGHT_METRICS_PORT: '0',
    });
    const broker = new ServiceBroker({
      ...createBrokerOptions(config),
      metrics: { enabled: true },
    });
    let host: WorkCenterHost | undefined;
    broker.createService(workcenterHostService(config, { onStarted: (h) => (host = h) }));
    await broker.start();
    for (const key of ['P100/WC-001', 'P100/WC-002', 'P100/WC-003']) {
      await tellWorkCenter(broker, key, inputFor(key, 1));
    }
    await host!.runtime.release('P100/WC-001');
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the gauges refresh each second

    expect(value(broker, 'millwright.actors.activations.total')).toBe(3);
    expect(value(broker, 'millwright.actors.moves.total')).toBe(1);
    expect(value(broker, 'millwright.actors.fenced.commits.total')).toBe(0);
    expect(value(broker, 'millwright.actors.active')).toBe(2);
    expect(value(broker, 'millwright.actors.mailbox.depth')).toBe(0);
    expect(value(broker, 'millwright.actors.snapshot.latency')).toBe(3);
    await broker.stop();
  });
});
