// `millwright start` (what `npm start` runs) as a new user meets it: the plant demo runs the
// plant simulator through the node's own edge group, prints its progress and ends with what
// the ERP simulator holds. Interrupted mid-run and started again on the same data folder, the
// next run completes what the first left open, releases freshly numbered orders and again
// completes all nine, every part the simulator made counted and booked to one of them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNode } from '../support/child-node.ts';
import { freePort } from '../support/servers/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mw-start-demo-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async () =>
  spawnNode(
    ['bin/millwright.js', 'start', '--data-dir', dataDir, '--metrics-port', '0'],
    { MILLWRIGHT_ERP_SIM_PORT: String(await freePort()), LOG_LEVEL: 'warn' },
    false,
  );

const released = (output: string) =>
  [...output.matchAll(/ERP release simulated: order (\d+)/g)].map((m) => m[1]);
const completed = (output: string) =>
  [...output.matchAll(/demo: order (\d+) complete on (\S+): (\d+) good/g)].map((m) => m[1]);

describe('npm start: the plant demo through the edge', () => {
  it('completes all 9 orders again after an interrupted run on the same data folder', async () => {
    const first = await start();
    try {
      await first.waitFor('demo: order', 120_000);
      await first.waitFor(' complete on ', 120_000);
    } finally {
      expect(await first.stop('SIGINT')).toBe(0);
    }
    const interrupted = first.output();
    expect(interrupted).toContain('edge.mqtt, edge.opcua, edge.sparkplug');
    expect(interrupted).toContain('plant simulator:');
    expect(released(interrupted)).toHaveLength(9);
    const left = released(interrupted).filter((o) => !completed(interrupted).includes(o));
    expect(left.length).toBeGreaterThan(0);

    const second = await start();
    try {
      await second.waitFor('demo: done', 180_000);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
    const output = second.output();
    const closed = [
      ...output.matchAll(/order (\d+) on \S+, left open by an earlier run, completed/g),
    ]
      .map((m) => m[1])
      .sort();
    expect(closed).toEqual([...left].sort());
    const orders = released(output);
    expect(orders).toHaveLength(9);
    expect(orders.filter((o) => released(interrupted).includes(o))).toEqual([]);
    expect(completed(output).sort()).toEqual([...orders].sort());
    const tallies = output.match(/^demo: WC-.*$/gm) ?? [];
    expect(tallies).toHaveLength(3);
    for (const tally of tallies) {
      const [, made, counted, booked] =
        /made (\d+ good \+ \d+ scrap); the actor counted (\d+ good \+ \d+ scrap); booked to this run's orders (\d+ good \+ \d+ scrap), to none 0 good \+ 0 scrap/.exec(
          tally,
        ) ?? [];
      expect({ made, counted, booked }).toEqual({ made, counted: made, booked: made });
      expect(made).toBeDefined();
    }
    // Nine of this run, and one per order the first run completed or left open.
    expect(output).toMatch(
      /demo: done in \d+ s; ERP simulator holds 18 confirmations and \d+ material documents/,
    );
  }, 420_000);
});
