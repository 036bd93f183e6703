// `erp.simulator`: the built-in ERP simulator of the embedded demo, run when no real ERP is
// configured (MILLWRIGHT_ERP_URL unset). Its books live under the data folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSchema } from 'moleculer';
import { DEMO_MATERIALS, ErpSimulator } from '../connectors/index.ts';
import type { MillwrightConfig } from './platform/index.ts';

export function erpSimulatorService(config: MillwrightConfig): ServiceSchema {
  let simulator: ErpSimulator | undefined;
  return {
    name: 'erp.simulator',
    actions: {
      counts: { handler: () => simulator?.counts() },
    },
    async started() {
      mkdirSync(config.dataDir, { recursive: true });
      simulator = await ErpSimulator.start({
        port: config.erp.simulatorPort,
        dbPath: join(config.dataDir, 'erp-simulator.sqlite'),
        materials: DEMO_MATERIALS,
      });
    },
    async stopped() {
      await simulator?.close();
      simulator = undefined;
    },
  };
}
