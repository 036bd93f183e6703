// `qms.simulator`: the built-in QMS simulator, run when no QMS is configured
// (MILLWRIGHT_QMS_URL unset). Its books live under the data folder; its address is handed to
// qms.connector on this node. Actions let an operator (or the REPL) play the inspector.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, ServiceSchema } from 'moleculer';
import { MillwrightError } from '../contracts/index.ts';
import { QmsSimulator, type UsageDecisionCreate } from '../connectors/index.ts';
import type { MillwrightConfig } from './platform/index.ts';

/** Where the simulator of this node listens, once it does. */
export interface SimulatorAddress {
  readonly url: Promise<string>;
  resolve(url: string): void;
  reject(error: unknown): void;
}

export function simulatorAddress(): SimulatorAddress {
  let resolve: (url: string) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const url = new Promise<string>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  url.catch(() => undefined); // a failed start is reported by the simulator service itself
  return { url, resolve, reject };
}

export function qmsSimulatorService(
  config: MillwrightConfig,
  address: SimulatorAddress,
): ServiceSchema {
  let simulator: QmsSimulator | undefined;
  const running = () => {
    if (simulator === undefined) throw new Error('qms.simulator is not started');
    return simulator;
  };
  return {
    name: 'qms.simulator',
    actions: {
      counts: { handler: () => running().counts() },
      address: { handler: () => ({ url: running().url }) },
      lot: {
        params: { inspectionLot: { type: 'string', min: 1, max: 32 } },
        handler: (ctx: Context<{ inspectionLot: string }>) =>
          running().lot(ctx.params.inspectionLot) ?? null,
      },
      decide: {
        params: {
          inspectionLot: { type: 'string', min: 1, max: 32 },
          decision: { type: 'enum', values: ['accept', 'reject'] },
          disposition: { type: 'enum', values: ['blocked', 'scrap'], optional: true },
          reason: { type: 'string', max: 500, optional: true },
          decidedBy: { type: 'string', max: 64, optional: true },
        },
        handler(ctx: Context<UsageDecisionCreate & { inspectionLot: string }>) {
          const { inspectionLot, ...decision } = ctx.params;
          const made = running().decide(inspectionLot, decision);
          if (made === undefined)
            throw new MillwrightError(
              'MW_QMS_REJECTED',
              `inspection lot ${inspectionLot} is unknown or decided already`,
              { inspectionLot },
            );
          return made;
        },
      },
    },
    async started() {
      try {
        mkdirSync(config.dataDir, { recursive: true });
        simulator = await QmsSimulator.start({
          port: config.qms.simulatorPort,
          dbPath: join(config.dataDir, 'qms-simulator.sqlite'),
          ...(config.qms.simulatorDecide === undefined
            ? {}
            : { autoDecide: config.qms.simulatorDecide }),
        });
        address.resolve(simulator.url);
      } catch (error) {
        address.reject(error);
        throw error;
      }
    },
    async stopped() {
      await simulator?.close();
      simulator = undefined;
    },
  };
}
