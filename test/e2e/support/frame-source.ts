// The seam between the cluster end-to-end test and what drives its work centers. A frame
// source runs in processes of its own against the cluster, releases the orders, drives them
// until every order completed and reports its own oracle. It is the plant simulator through a
// real edge: the simulator with the plant demo in one process (simulator-source.child.ts) and
// `millwright node --services edge --config <its plant template>` in another.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoReport } from '../../../services/runtime/demo/index.ts';
import { spawnNode, type ChildNode } from '../../support/child-node.ts';

export interface FrameSourceRun {
  readonly report: DemoReport;
  /** The processes' output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface FrameSource {
  readonly name: string;
  /** Starts the source against the cluster; resolves when it has driven every order. */
  run(cluster: { readonly natsUrl: string }, timeoutMs: number): Promise<FrameSourceRun>;
}

/** The JSON after `${prefix} ` on one whole line of a process's output. */
export function lineAfter(output: string, prefix: string): string | undefined {
  return new RegExp(`^${prefix} (.*)\\n`, 'm').exec(output)?.[1];
}

export const simulatorFrameSource: FrameSource = {
  name: 'plant simulator through a millwright edge node',
  async run(cluster, timeoutMs) {
    const dir = mkdtempSync(join(tmpdir(), 'mw-e2e-plant-'));
    const children: ChildNode[] = [];
    const output = () =>
      children
        .map((child, i) => `--- ${i === 0 ? 'simulator' : 'edge'} ---\n${child.output()}`)
        .join('\n');
    const stop = async () => {
      for (const child of [...children].reverse()) await child.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    const simulator = spawnNode(['test/e2e/support/simulator-source.child.ts'], {
      TRANSPORTER: cluster.natsUrl,
      MILLWRIGHT_NODE_ID: 'e2e-plant-simulator',
      DEMO_DIR: join(dir, 'plant'),
    });
    children.push(simulator);
    try {
      await simulator.waitFor('template ', 120_000);
      const template = lineAfter(simulator.output(), 'template');
      if (template === undefined) throw new Error('the simulator printed no template');
      const args = ['bin/millwright.js', 'node', '--services', 'edge', '--config', template];
      args.push('--transporter', cluster.natsUrl, '--node-id', 'e2e-edge');
      args.push('--data-dir', join(dir, 'edge'), '--metrics-port', '0', '--log-level', 'warn');
      children.push(spawnNode(args, {}, false));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = lineAfter(simulator.output(), 'report');
        if (line !== undefined) return { report: JSON.parse(line) as DemoReport, output, stop };
        if (children.some((c) => c.process.exitCode !== null) || Date.now() > deadline)
          throw new Error(`${this.name} gave no report`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } catch (error) {
      const message = `${String(error)}\n${output()}`;
      await stop();
      throw new Error(message);
    }
  },
};

/** What the cluster end-to-end test runs. */
export const FRAME_SOURCE: FrameSource = simulatorFrameSource;
