// The lifecycle every business-lane consumer service shares (ERP, QMS, analytics connectors):
// at `started` take the node's shared lane stores, build the connector over them and start it;
// at `stopped` stop it, then give the stores back (the last one out closes them). Knows nothing
// of what a connector does with the lane.
import type { ConnectorLogger } from '../../connectors/index.ts';
import type { LaneStores, SharedLaneStores } from './business-lane.ts';

export interface LaneConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class LaneConsumerSlot<C extends LaneConsumer> {
  readonly #name: string;
  readonly #lanes: SharedLaneStores;
  #connector: C | undefined;

  constructor(name: string, lanes: SharedLaneStores) {
    this.#name = name;
    this.#lanes = lanes;
  }

  /** The started connector; throws while the service is not started (or already stopped). */
  get running(): C {
    if (this.#connector === undefined) throw new Error(`${this.#name} is not started`);
    return this.#connector;
  }

  async start(logger: ConnectorLogger, build: (stores: LaneStores) => Promise<C> | C) {
    const stores = await this.#lanes.acquire(logger);
    let connector: C;
    try {
      connector = await build(stores);
    } catch (error) {
      // Nothing holds the stores yet: give them back so the node can still close them.
      await this.#lanes.release();
      throw error;
    }
    this.#connector = connector;
    await connector.start();
  }

  /** Stops the connector once; a slot that never started (or stopped already) does nothing. */
  async stop(): Promise<void> {
    const was = this.#connector;
    this.#connector = undefined;
    if (was === undefined) return;
    await was.stop();
    await this.#lanes.release();
  }
}
