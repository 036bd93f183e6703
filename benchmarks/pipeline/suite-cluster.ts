// The nats-server and work-center host cluster one pipeline suite (scale, drain, soak) runs on:
// opened by the suite's setup, closed by its teardown, reached in between. It holds them only;
// what runs on them, and what is measured, belongs to the suite.
import { startNatsRig, type NatsRig } from '../lib/index.ts';
import { ActorCluster } from './actor-cluster.ts';

export interface SuiteClusterOptions {
  /** Actors nodes started with the cluster (a suite may add more itself). */
  readonly nodes: number;
  /** Also start the rig's echo peer (the raw request/reply baseline). */
  readonly peer?: boolean;
}

export class SuiteCluster {
  readonly #name: string;
  #rig: NatsRig | undefined;
  #cluster: ActorCluster | undefined;

  constructor(name: string) {
    this.#name = name;
  }

  get rig(): NatsRig {
    if (this.#rig === undefined) throw new Error(`${this.#name} suite used before its setup`);
    return this.#rig;
  }

  get cluster(): ActorCluster {
    if (this.#cluster === undefined) throw new Error(`${this.#name} suite used before its setup`);
    return this.#cluster;
  }

  async open(options: SuiteClusterOptions): Promise<void> {
    this.#rig = await startNatsRig(this.#name);
    if (options.peer === true) await this.#rig.peer();
    this.#cluster = await ActorCluster.start(this.#rig.url, this.#name);
    for (let i = 0; i < options.nodes; i++) await this.#cluster.addNode();
  }

  async close(): Promise<void> {
    await this.#cluster?.stop();
    await this.#rig?.stop();
    this.#cluster = undefined;
    this.#rig = undefined;
  }
}
