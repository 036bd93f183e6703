// The seam between the cluster end-to-end test and what drives its work centers. A frame
// source runs in a process of its own against the cluster, releases the orders, sends frames
// until every order reached its target and reports its own oracle (counts per order). Today
// it is the plant demo's frame generator (services/runtime/plant-demo.ts); the edge simulator
// with the edge service replaces it by changing FRAME_SOURCE below, nothing else.
import type { OrderOracle } from '../../../services/runtime/plant-demo.ts';
import { spawnNode, type ChildNode } from '../../support/child-node.ts';

export interface FrameSourceRun {
  readonly oracle: readonly OrderOracle[];
  readonly process: ChildNode;
}

export interface FrameSource {
  readonly name: string;
  /** Starts the source against the cluster; resolves when it has driven every order. */
  run(cluster: { readonly natsUrl: string }, timeoutMs: number): Promise<FrameSourceRun>;
}

/** The oracle a source printed: the JSON after "oracle " on one whole line of its output. */
export function oracleFrom(output: string): OrderOracle[] | undefined {
  const line = /^oracle (.*)\n/m.exec(output)?.[1];
  return line === undefined ? undefined : (JSON.parse(line) as OrderOracle[]);
}

export const demoFrameSource: FrameSource = {
  name: 'plant demo frame generator',
  async run(cluster, timeoutMs) {
    const child = spawnNode(['test/e2e/support/demo-source.child.ts'], {
      TRANSPORTER: cluster.natsUrl,
      MILLWRIGHT_NODE_ID: 'e2e-frame-source',
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const oracle = oracleFrom(child.output());
      if (oracle !== undefined) return { oracle, process: child };
      if (child.process.exitCode !== null || Date.now() > deadline) {
        await child.stop('SIGKILL');
        throw new Error(`${this.name} gave no oracle:\n${child.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  },
};

/** What the cluster end-to-end test runs. */
export const FRAME_SOURCE: FrameSource = demoFrameSource;
