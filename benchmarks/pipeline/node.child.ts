// One Millwright node of the e2e suite as its own process: the service groups it is given, on
// the suite's nats-server, the way `millwright node --services <group>` runs them (same
// startNode), without the CLI's other commands (the plant simulator's OPC UA stack) to load.
// Usage: node.child.ts <group> <nats-url> <data-dir> <erp-url>
import { loadConfig } from '../../services/platform/index.ts';
import { startNode } from '../../services/runtime/run-node.ts';
import type { ServiceGroup } from '../../services/runtime/service-groups.ts';
import { readyForParent } from '../lib/index.ts';

const [group, natsUrl, dataDir, erpUrl] = process.argv.slice(2);
if (erpUrl === undefined)
  throw new Error('usage: node.child.ts <group> <nats-url> <data-dir> <erp-url>');
const node = await startNode(
  loadConfig({
    TRANSPORTER: natsUrl,
    MILLWRIGHT_NODE_ID: `bench-${group}`,
    MILLWRIGHT_DATA_DIR: dataDir,
    MILLWRIGHT_ERP_URL: erpUrl,
    MILLWRIGHT_METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
  }),
  [group as ServiceGroup],
);
process.once('SIGTERM', () => {
  void node.stop().then(() => process.exit(0));
});
readyForParent({ nodeId: node.broker.nodeID });
