// A Millwright node running only the connectors group, as its own process, for the tests that
// kill -9 it. Configuration comes from the environment the test sets (TRANSPORTER, MILLWRIGHT_*).
import { loadConfig } from '../../../services/platform/index.ts';
import { startNode, untilStopSignal } from '../../../services/runtime/run-node.ts';

const node = await startNode(loadConfig(), ['connectors']);
process.stdout.write('connector node ready\n');
await untilStopSignal(() => process.exit(1));
await node.stop();
process.exit(0);
