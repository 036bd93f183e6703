// The cluster of the end-to-end test: a nats-server of its own, the ERP simulator (the
// plant's ERP, without repeatable requests: only the connector prevents double posts) and
// one `millwright node --services <group>` process per group, started through bin/millwright.js
// so the CLI path is the one under test. Stopped gracefully (SIGTERM) in reverse order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MATERIALS, ErpSimulator } from '../../../connectors/erp/simulator/index.ts';
import { spawnNode, type ChildNode } from '../../support/child-node.ts';
import { startNatsServer, type TestNatsServer } from '../../support/servers/index.ts';

export const CLUSTER_GROUPS = ['production', 'actors', 'connectors'] as const;

export interface ClusterPlant {
  readonly nats: TestNatsServer;
  readonly erp: ErpSimulator;
  readonly nodes: ReadonlyMap<string, ChildNode>;
  /** Every node's output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function startClusterPlant(readyTimeoutMs = 90_000): Promise<ClusterPlant> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-e2e-cluster-'));
  const nats = await startNatsServer();
  const erp = await ErpSimulator.start({ materials: DEMO_MATERIALS, repeatability: false });
  const nodes = new Map<string, ChildNode>();
  for (const group of CLUSTER_GROUPS) {
    const nodeId = `e2e-${group}`;
    const args = ['bin/millwright.js', 'node', '--services', group];
    args.push('--transporter', nats.url, '--node-id', nodeId);
    args.push('--data-dir', join(dataDir, group), '--metrics-port', '0', '--log-level', 'warn');
    nodes.set(group, spawnNode(args, { MILLWRIGHT_ERP_URL: erp.url }, false));
  }
  const output = () =>
    [...nodes].map(([group, node]) => `--- ${group} ---\n${node.output()}`).join('\n');
  const stop = async () => {
    for (const node of [...nodes.values()].reverse()) await node.stop();
    await erp.close();
    await nats.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(
      [...nodes].map(([group, node]) =>
        node.waitFor(`node "e2e-${group}" started`, readyTimeoutMs),
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { nats, erp, nodes, output, stop };
}
