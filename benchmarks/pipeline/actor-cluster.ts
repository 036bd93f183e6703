// Work-center host nodes on one NATS for the pipeline suites: `millwright node --services
// actors` processes started and stopped one by one, and a driver broker in the suite's
// process that reaches them as any caller does (workcenter.host, placed by rendezvous hashing
// over the hosts it sees). It measures no rate: the suites do.
import { ServiceBroker } from 'moleculer';
import { createBrokerOptions, loadConfig } from '../../services/platform/index.ts';
import { hostNodes } from '../../services/workcenter/membership.ts';
import { startMillwrightNode, type BenchProcess, type MillwrightNode } from '../lib/index.ts';

export interface HostStats {
  readonly node: string;
  /** Actors in this node's memory. */
  readonly active: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ActorCluster {
  readonly driver: ServiceBroker;
  readonly nodes: MillwrightNode[] = [];
  readonly #url: string;
  readonly #prefix: string;
  #started = 0;

  private constructor(url: string, prefix: string, driver: ServiceBroker) {
    this.#url = url;
    this.#prefix = prefix;
    this.driver = driver;
  }

  /** A driver broker on `url`; node ids are `<prefix>-1`, `<prefix>-2`... */
  static async start(url: string, prefix: string): Promise<ActorCluster> {
    const config = loadConfig(
      {},
      {
        TRANSPORTER: url,
        MILLWRIGHT_NODE_ID: `${prefix}-driver`,
        MILLWRIGHT_METRICS_PORT: '0',
        LOG_LEVEL: 'error',
        MILLWRIGHT_REQUEST_TIMEOUT_MS: '30000',
      },
    );
    const driver = new ServiceBroker(createBrokerOptions(config));
    await driver.start();
    return new ActorCluster(url, prefix, driver);
  }

  /** The id the next node will get (placement can be computed before it joins). */
  get nextNodeId(): string {
    return `${this.#prefix}-${this.#started + 1}`;
  }

  /** Node ids hosting work centers as the driver sees them. */
  hosts(): string[] {
    return hostNodes(this.driver);
  }

  /**
   * Starts one node and resolves when the driver sees its workcenter.host: `joinedAt` is that
   * moment (performance.now()), the instant callers start routing to it.
   */
  async addNode(): Promise<{ node: MillwrightNode; joinedAt: number }> {
    const nodeId = this.nextNodeId;
    this.#started += 1;
    const node = await startMillwrightNode({
      nodeId,
      transporter: this.#url,
      services: ['actors'],
    });
    this.nodes.push(node);
    const deadline = Date.now() + 30_000;
    while (!this.hosts().includes(nodeId)) {
      if (Date.now() > deadline) throw new Error(`the driver never saw ${nodeId} join`);
      await sleep(2);
    }
    return { node, joinedAt: performance.now() };
  }

  async stats(): Promise<HostStats[]> {
    return Promise.all(
      this.nodes.map(async (node) => {
        const stats = await this.driver.call<{ active: number }, object>(
          'workcenter.host.stats',
          {},
          { nodeID: node.nodeId },
        );
        return { node: node.nodeId, active: stats.active };
      }),
    );
  }

  /** Polls until `test` holds for the host stats (e.g. old owners released what moved). */
  async until(test: (stats: HostStats[]) => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test(await this.stats())) {
      if (Date.now() > deadline) throw new Error('host stats never reached the expected state');
      await sleep(20);
    }
  }

  processes(): BenchProcess[] {
    return this.nodes.map((node) => ({ name: node.nodeId, pid: node.pid }));
  }

  /** Stops every node (graceful); the driver stays for the next set. */
  async stopNodes(): Promise<void> {
    const nodes = this.nodes.splice(0);
    await Promise.all(nodes.map((node) => node.stop()));
    const deadline = Date.now() + 30_000;
    while (this.hosts().length > 0 && Date.now() < deadline) await sleep(20);
  }

  async stop(): Promise<void> {
    await this.stopNodes();
    await this.driver.stop();
  }
}
