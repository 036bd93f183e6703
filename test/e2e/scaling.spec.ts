// Scaling a plant the way docs/scaling.md tells an ops team to, with the real commands on real
// NATS: two `millwright node --services actors` host 120 work-center actors under a steady
// stream, a third joins (`millwright node --services actors`) and actors move to it by
// rendezvous placement, then it is removed with SIGTERM (graceful drain) and they move back.
// After each phase the dashboard's placement table (GET /api/v1/dashboard of a gateway node)
// and the REPL's `actors` table (`millwright repl`) agree with each other and with placement,
// and every actor's counts equal the oracle: nothing lost, nothing counted twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker } from 'moleculer';
import { ownerOf } from '../../actors/index.ts';
import { createApiKey } from '../../services/gateway/index.ts';
import { createBrokerOptions, loadConfig } from '../../services/platform/index.ts';
import { tellWorkCenter } from '../../services/workcenter/routing.ts';
import {
  readBusinessStream,
  waitFor,
  waitForHosts,
} from '../integration/actors/support/cluster.ts';
import { oracle, SteadyStream, workCenterKeys } from '../integration/actors/support/oracle.ts';
import { spawnNode, type ChildNode } from '../support/child-node.ts';
import { spawnRepl, type ReplProcess } from '../support/repl-process.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../support/servers/index.ts';

const ACTORS = 120;
const viewer = createApiKey();

type Placement = Map<string, string>;

/** The test's own node in the plant's cluster, with Moleculer's default heartbeats like the CLI nodes. */
function driverBroker(url: string): ServiceBroker {
  return new ServiceBroker(
    createBrokerOptions(
      loadConfig({
        TRANSPORTER: url,
        MILLWRIGHT_NODE_ID: 'driver',
        MILLWRIGHT_METRICS_PORT: '0',
        MILLWRIGHT_REQUEST_TIMEOUT_MS: '5000',
        LOG_LEVEL: 'fatal',
      }),
    ),
  );
}

/** The REPL's `actors` table as key -> owner. */
async function replPlacement(repl: ReplProcess): Promise<Placement> {
  const table = await repl.type('actors', /\d+ actor\(s\) active/, 30_000);
  const rows = [...table.matchAll(/^(P100\/WC-\d{3})\s+(\S+)\s/gm)];
  return new Map(rows.map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** The dashboard's work-center table (what the page renders) as key -> owner. */
async function dashboardPlacement(gateway: string): Promise<Placement> {
  const response = await fetch(`${gateway}/api/v1/dashboard`, {
    headers: { Authorization: `ApiKey ${viewer.key}` },
  });
  expect(response.status).toBe(200);
  const snapshot = (await response.json()) as {
    actors: { available: boolean; rows?: { key: string; owner: string }[] };
  };
  expect(snapshot.actors.available).toBe(true);
  return new Map((snapshot.actors.rows ?? []).map((r) => [r.key, r.owner]));
}

/** Waits until every key is active on exactly its rendezvous owner (hosts' own lists). */
async function settle(driver: ServiceBroker, keys: readonly string[], members: string[]) {
  await waitFor(
    `actors settled on ${members.join(', ')}`,
    async () => {
      const lists = await Promise.all(
        members.map((nodeID) =>
          driver.call<{ node: string; actors: { key: string }[] }, object>(
            'workcenter.host.list',
            {},
            { nodeID },
          ),
        ),
      );
      const where = new Map<string, string[]>();
      for (const l of lists)
        for (const a of l.actors) where.set(a.key, [...(where.get(a.key) ?? []), l.node]);
      return keys.every((k) => (where.get(k) ?? []).join() === ownerOf(k, members));
    },
    60_000,
  );
  return new Map(keys.map((k) => [k, ownerOf(k, members) ?? '']));
}

/** Stops the stream and checks every actor's counts and the business lane against the oracle. */
async function expectOracle(driver: ServiceBroker, stream: SteadyStream, natsUrl: string) {
  await stream.stop();
  const causes: string[] = [];
  for (const key of stream.keys) {
    const { scrapCauses, ...counts } = oracle(key, stream.rounds.get(key) ?? 0);
    causes.push(...scrapCauses);
    const result = await tellWorkCenter(driver, key, { kind: 'counts.requested' });
    expect({ key, ...(result.reply as object) }).toEqual({ key, ...counts });
  }
  const lane = await readBusinessStream(natsUrl);
  const ids = lane.map((m) => m.event.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(lane.map((m) => m.event.causationId).sort()).toEqual(causes.sort());
}

describeWithServers(
  ['nats-server'],
  'scaling a plant: add a node, watch actors move, remove it',
  () => {
    let nats: TestNatsServer;
    let driver: ServiceBroker | undefined;
    let repl: ReplProcess | undefined;
    let stream: SteadyStream | undefined;
    const nodes: ChildNode[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-scaling-'));
    const keys = workCenterKeys(ACTORS);

    const millwrightNode = (id: string, services: string) => {
      const node = spawnNode(
        ['bin/millwright.js', 'node', '--services', services, '--node-id', id],
        {
          TRANSPORTER: nats.url,
          MILLWRIGHT_DATA_DIR: join(dataDir, id),
          MILLWRIGHT_GATEWAY_API_KEYS: `ops-screen:viewer:${viewer.sha256}`,
        },
        false,
      );
      nodes.push(node);
      return node;
    };

    afterAll(async () => {
      await stream?.stop().catch(() => undefined);
      await repl?.kill();
      await driver?.stop();
      await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
      await (nats as TestNatsServer | undefined)?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('keeps every count through a join and a graceful leave, and both tables agree', async () => {
      nats = await startNatsServer();
      const [n1, n2, gw] = [
        millwrightNode('n1', 'actors'),
        millwrightNode('n2', 'actors'),
        millwrightNode('gw', 'gateway'),
      ];
      await Promise.all([n1, n2, gw].map((n) => n.waitFor('Press Ctrl-C to stop.', 90_000)));
      const gateway = /gateway: {2}(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(gw.output())?.[1];
      expect(gateway).toBeDefined();
      driver = driverBroker(nats.url);
      await driver.start();
      await waitForHosts(driver, ['n1', 'n2']);
      repl = await spawnRepl(['--transporter', nats.url, '--node-id', 'ops-repl'], {}, 'mw P100 $');

      const tablesAgree = async (members: string[]) => {
        const placed = await settle(driver!, keys, members);
        const [fromRepl, fromDashboard] = [
          await replPlacement(repl!),
          await dashboardPlacement(gateway!),
        ];
        expect(fromRepl.size).toBe(ACTORS);
        expect(fromDashboard).toEqual(fromRepl);
        expect(fromRepl).toEqual(placed);
        return placed;
      };

      // Phase 1: two nodes share the plant's actors under a steady stream.
      stream = new SteadyStream(driver, keys);
      stream.start();
      await stream.waitForEveryKey(new Map(), 2, 90_000);
      const two = await tablesAgree(['n1', 'n2']);

      // Phase 2: `millwright node --services actors` joins; about a third of the actors move to it.
      const n3 = millwrightNode('n3', 'actors');
      await n3.waitFor('Press Ctrl-C to stop.', 90_000);
      await waitForHosts(driver, ['n1', 'n2', 'n3']);
      await stream.waitForEveryKey(new Map(stream.rounds), 3, 90_000);
      const three = await tablesAgree(['n1', 'n2', 'n3']);
      const moved = keys.filter((k) => three.get(k) === 'n3');
      expect(moved.length).toBeGreaterThan(ACTORS * 0.15);
      expect(moved.length).toBeLessThan(ACTORS * 0.55);
      // Rendezvous placement: only the actors that now hash to n3 moved.
      expect(keys.filter((k) => three.get(k) !== two.get(k))).toEqual(moved);
      await expectOracle(driver, stream, nats.url);

      // Phase 3: n3 is removed with SIGTERM: it drains, leaves, and its actors move back.
      stream.start();
      await stream.waitForEveryKey(new Map(stream.rounds), 2, 90_000);
      expect(await n3.stop('SIGTERM')).toBe(0);
      expect(n3.output()).toContain('SIGTERM: stopping node "n3" gracefully...');
      expect(n3.output()).toContain('stopped.');
      await waitForHosts(driver, ['n1', 'n2']);
      await stream.waitForEveryKey(new Map(stream.rounds), 3, 90_000);
      const after = await tablesAgree(['n1', 'n2']);
      expect(after).toEqual(two);
      const back = keys.filter((k) => after.get(k) !== three.get(k));
      expect(back).toEqual(moved);
      await expectOracle(driver, stream, nats.url);

      process.stdout.write(
        `scaling: ${ACTORS} actors, acked ${stream.acked}, retries ${stream.retries}, ` +
          `moved to n3 ${moved.length}, moved back ${back.length}\n`,
      );
    }, 300_000);
  },
);
