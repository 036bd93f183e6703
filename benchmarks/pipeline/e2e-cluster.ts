// The cluster the e2e suite measures: its own nats-server, the ERP simulator in a process of
// its own (without repeatable requests) and one node process per service group (production,
// actors, connectors; node.child.ts runs them as `millwright node --services <group>` does).
// The suite's process plays the edge (a Moleculer node calling workcenter.host.ingestFrame,
// as the edge's forwarder does) and holds a probe: a durable consumer of the business lane
// with the connectors' own lane code, which receives the facts as a connector does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker } from 'moleculer';
import { connect, type NatsConnection } from 'nats';
import { JetStreamLane } from '../../connectors/lane/index.ts';
import { createBrokerOptions, loadConfig } from '../../services/platform/index.ts';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  startBenchChild,
  startNatsServer,
  type BenchChild,
  type BenchProcess,
  type TestNatsServer,
} from '../lib/index.ts';
import { COMPONENT, MATERIAL } from './e2e-plant.ts';

const GROUPS = ['production', 'actors', 'connectors'] as const;

/** Waits until node `nodeID` has discovered `service` (its own registry says so). */
async function seenBy(broker: ServiceBroker, nodeID: string, service: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const services = await broker.call<{ name: string }[], object>(
      '$node.services',
      { onlyAvailable: true },
      { nodeID },
    );
    if (services.some((s) => s.name === service)) return;
    if (Date.now() > deadline) throw new Error(`${nodeID} never saw ${service}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ErpCounts {
  readonly confirmations: number;
  readonly materialDocuments: number;
  readonly rejected: number;
  readonly repeatedRequests: number;
}

export class PipelineCluster {
  private constructor(
    readonly nats: TestNatsServer,
    readonly erp: { readonly url: string; readonly child: BenchChild },
    readonly nodes: ReadonlyMap<string, BenchChild>,
    readonly broker: ServiceBroker,
    readonly nc: NatsConnection,
    readonly lane: JetStreamLane,
    readonly dataDir: string,
  ) {}

  static async start(progress: (message: string) => void): Promise<PipelineCluster> {
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-bench-e2e-'));
    const stops: (() => Promise<unknown>)[] = [
      () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    ];
    try {
      progress('starting nats-server, the ERP simulator and 3 node processes');
      const nats = await startNatsServer();
      stops.push(() => nats.dispose());
      const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));
      // Every process starts at once: the connectors node is told the ERP's port up front.
      const erpUrl = `http://127.0.0.1:${String(await freePort())}`;
      const nodes = new Map<string, BenchChild>();
      const [erpChild] = await Promise.all([
        startBenchChild({
          name: 'ERP simulator',
          script: script('./erp-sim.child.ts'),
          args: [new URL(erpUrl).port, `${MATERIAL},${COMPONENT}`],
        }).then((child) => {
          stops.push(() => child.stop());
          return child;
        }),
        ...GROUPS.map(async (group) => {
          const child = await startBenchChild({
            name: `${group} node`,
            script: script('./node.child.ts'),
            args: [group, nats.url, join(dataDir, group), erpUrl],
            readyTimeoutMs: 90_000,
          });
          nodes.set(group, child);
          stops.push(() => child.stop());
        }),
      ]);
      const config = loadConfig({
        TRANSPORTER: nats.url,
        MILLWRIGHT_NODE_ID: 'bench-edge',
        MILLWRIGHT_METRICS_PORT: '0',
        LOG_LEVEL: 'warn',
      });
      const broker = new ServiceBroker(createBrokerOptions(config));
      await broker.start();
      stops.push(() => broker.stop());
      await broker.waitForServices(['masterdata', 'orders', 'workcenter.host', 'erp.connector']);
      // orders.release dispatches from the production node: it must see the actors too.
      await seenBy(broker, 'bench-production', 'workcenter.host');
      const nc = await connect({ servers: nats.url, name: 'bench-e2e-probe' });
      stops.push(() => nc.close());
      const lane = await JetStreamLane.open({ connection: nc });
      stops.push(() => lane.close());
      const erp = { url: erpUrl, child: erpChild };
      const cluster = new PipelineCluster(nats, erp, nodes, broker, nc, lane, dataDir);
      cluster.#stops = stops;
      return cluster;
    } catch (error) {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      throw error;
    }
  }

  #stops: (() => Promise<unknown>)[] = [];

  async erpCounts(): Promise<ErpCounts> {
    const response = await fetch(`${this.erp.url}/sim/counts`);
    return (await response.json()) as ErpCounts;
  }

  /** Every process of the pipeline, for the CPU columns (the suite's own is counted anyway). */
  processes(): BenchProcess[] {
    return [this.natsProcess(), ...this.nodes.values(), this.erp.child];
  }

  natsProcess(): BenchProcess {
    return { name: 'nats-server', pid: this.nats.process.pid ?? 0 };
  }

  async stop(): Promise<void> {
    const stops = this.#stops.reverse();
    this.#stops = [];
    for (const stop of stops) await stop().catch(() => undefined);
  }
}
