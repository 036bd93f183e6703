// The plant demo as `millwright start` runs it: before the node starts, the simulator and the
// demo's plant template (so the node runs the `edge` group on it); once the node runs, the demo
// itself, its progress printed, and at the end what the ERP simulator holds; after the node
// stopped, the simulator. Runs only embedded, with the ERP simulator and no plant template of
// the user's own (MILLWRIGHT_DEMO=0 turns it off).
import { join } from 'node:path';
import { gatewayAddress } from '../../gateway.service.ts';
import type { MillwrightConfig } from '../../platform/index.ts';
import type { RunningNode } from '../run-node.ts';
import { demoOrderBase } from './demo-lines.ts';
import { startDemoPlant, type DemoPlant } from './demo-plant.ts';
import { runPlantDemo, tallyLines, type DemoReport } from './plant-demo.ts';
import { DemoStopped, until } from './until.ts';

interface ErpCounts {
  confirmations: number;
  materialDocuments: number;
}

/** Where the demo prints what a user reads (the CLI passes `console`). */
export type DemoPrinter = Pick<Console, 'log' | 'error'>;

/** What `millwright start` runs beside its node: stopped before the node stops. */
export interface DemoCompanion {
  stop(): Promise<void>;
}

export interface PreparedDemo {
  /** False when the demo does not run (on NATS, a real ERP, a plant template of the user's). */
  readonly runs: boolean;
  /** The node's configuration: with the demo's plant template when the demo runs. */
  readonly config: MillwrightConfig;
  /** Starts the demo once the node runs; undefined when it does not run. */
  companion(node: RunningNode): DemoCompanion | undefined;
  /** Stops the simulator; after the node stopped. */
  close(): Promise<void>;
}

const demoRuns = (config: MillwrightConfig): boolean =>
  config.demo &&
  config.transporter === undefined &&
  config.erp.url === undefined &&
  config.edge.plantTemplate === undefined;

export async function preparePlantDemo(
  config: MillwrightConfig,
  printer: DemoPrinter,
): Promise<PreparedDemo> {
  if (!demoRuns(config))
    return { runs: false, config, companion: () => undefined, close: () => Promise.resolve() };
  const plant = await startDemoPlant({ dir: join(config.dataDir, 'demo') });
  return {
    runs: true,
    config: Object.freeze({
      ...config,
      edge: Object.freeze({ ...config.edge, plantTemplate: plant.templateFile }),
    }),
    companion: (node) => startCompanion(config, plant, node, printer),
    close: () => plant.stop(),
  };
}

function startCompanion(
  config: MillwrightConfig,
  plant: DemoPlant,
  node: RunningNode,
  printer: DemoPrinter,
): DemoCompanion {
  const erp = `http://127.0.0.1:${config.erp.simulatorPort}`;
  const gateway = gatewayAddress(node.broker);
  printer.log(
    [
      'Plant demo (MILLWRIGHT_DEMO=0 turns it off): simulated ERP releases 3 orders on each of',
      'WC-PRESS-1 (OPC UA), WC-ASSY-1 (UNS MQTT) and WC-PACK-1 (Sparkplug B); the plant simulator',
      "runs them through the node's edge into the work-center actors; postings go to the ERP simulator.",
      `  plant simulator:         ${plant.simulator.urls.opcua} (SignAndEncrypt), ${plant.simulator.urls.mqtt} (TLS, login)`,
      `  demo plant template:     ${plant.templateFile} (trust and logins in ${plant.dir})`,
      `  ERP simulator documents: ${erp}/sim/counts`,
      `  gateway:                 ${gateway === undefined ? 'off' : `${gateway.url}/api/v1`}`,
      '  REPL:                    nodes on NATS: npx millwright repl --transporter nats://... (docs/operations.md)',
    ].join('\n'),
  );
  let stopping = false;
  const stopped = () => stopping;
  const log = (message: string) => {
    printer.log(message);
  };
  const run = (async () => {
    const counts = () => node.broker.call<ErpCounts>('erp.simulator.counts');
    const before = await counts();
    const startedAt = Date.now();
    const report: DemoReport = await runPlantDemo(node.broker, plant, {
      firstOrder: demoOrderBase(),
      tickMs: 250,
      log,
      stopped,
    });
    // The connector posts within moments of each completion: a confirmation per order, and a
    // goods issue and a goods receipt per order (every demo order makes good parts).
    const posted = async () => {
      const c = await counts();
      return (
        c.confirmations >= before.confirmations + report.orders.length + report.leftoversClosed &&
        c.materialDocuments >= before.materialDocuments + 2 * report.orders.length
      );
    };
    await until('the postings in ERP', posted, { deadline: Date.now() + 60_000, stopped }).catch(
      (error: unknown) => {
        if (error instanceof DemoStopped) throw error;
        log('demo: ERP does not hold every posting after 60 s; `dlq list` in the REPL shows why');
      },
    );
    const held = await counts();
    for (const line of tallyLines(report)) log(line);
    log(
      `demo: done in ${Math.round((Date.now() - startedAt) / 1_000)} s; ERP simulator holds ${held.confirmations} confirmations and ${held.materialDocuments} material documents (${erp}/sim/counts)`,
    );
  })().catch((error: unknown) => {
    if (!stopping && !(error instanceof DemoStopped))
      printer.error('demo stopped:', error instanceof Error ? error.message : error);
  });
  return {
    async stop() {
      stopping = true;
      await run;
    },
  };
}
