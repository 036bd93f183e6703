// Three node processes on real NATS, 200 work-center actors under a steady stream: a fourth
// node joins (about a quarter of the actors move to it), then one node is killed with
// SIGKILL (its actors resume on the survivors). After each phase every state equals the
// oracle, every business event id is in MW_BIZ once, and each actor lives on its owner.
import type { ServiceBroker } from 'moleculer';
import { ownerOf } from '../../../actors/index.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { tellWorkCenter } from '../../../services/workcenter/routing.ts';
import {
  driverBroker,
  NodeProcess,
  readBusinessStream,
  waitFor,
  waitForHosts,
} from './support/cluster.ts';
import { oracle, SteadyStream, workCenterKeys } from './support/oracle.ts';

interface HostList {
  node: string;
  actors: { key: string }[];
}

async function placementOf(
  driver: ServiceBroker,
  nodes: readonly string[],
): Promise<Map<string, string[]>> {
  const where = new Map<string, string[]>();
  for (const node of nodes) {
    const list = await driver.call<HostList, object>('workcenter.host.list', {}, { nodeID: node });
    for (const a of list.actors) where.set(a.key, [...(where.get(a.key) ?? []), node]);
  }
  return where;
}

/** Waits until every key is active on exactly its rendezvous owner, and returns the map. */
async function settledPlacement(driver: ServiceBroker, keys: readonly string[], nodes: string[]) {
  let where = new Map<string, string[]>();
  await waitFor('moves settled', async () => {
    where = await placementOf(driver, nodes);
    return keys.every((k) => (where.get(k) ?? []).join() === ownerOf(k, nodes));
  });
  return where;
}

/** Stops the stream, then checks states and the lane against the oracle. */
async function expectOracle(driver: ServiceBroker, stream: SteadyStream, natsUrl: string) {
  await stream.stop();
  const expectedCauses: string[] = [];
  for (const key of stream.keys) {
    const { scrapCauses, ...counts } = oracle(key, stream.rounds.get(key) ?? 0);
    expectedCauses.push(...scrapCauses);
    const result = await tellWorkCenter(driver, key, { kind: 'counts.requested' });
    expect({ key, ...(result.reply as object) }).toEqual({ key, ...counts });
  }
  const lane = await readBusinessStream(natsUrl);
  const ids = lane.map((m) => m.event.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(lane.every((m) => m.msgId === m.event.eventId)).toBe(true);
  expect(lane.map((m) => m.event.causationId).sort()).toEqual(expectedCauses.sort());
  return lane.length;
}

describeWithServers(['nats-server'], 'work-center actors on a NATS cluster', () => {
  let nats: TestNatsServer;
  let driver: ServiceBroker;
  let stream: SteadyStream | undefined;
  const nodes: NodeProcess[] = [];
  const keys = workCenterKeys(200);
  const spawnNode = (id: string) => {
    const node = new NodeProcess(id, { TRANSPORTER: nats.url });
    nodes.push(node);
    return node;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await stream?.stop().catch(() => undefined);
    await (driver as ServiceBroker | undefined)?.stop();
    await Promise.all(nodes.map((n) => n.kill()));
    await (nats as TestNatsServer | undefined)?.dispose();
  });

  it('moves a quarter of 200 actors to a fourth node, then survives kill -9 of a node, equal to the oracle', async () => {
    await Promise.all(['n1', 'n2', 'n3'].map((id) => spawnNode(id).ready));
    driver = driverBroker(nats.url);
    await driver.start();
    await waitForHosts(driver, ['n1', 'n2', 'n3']);
    stream = new SteadyStream(driver, keys);
    stream.start();
    await stream.waitForAcked(600);

    // A fourth node joins under load.
    await spawnNode('n4').ready;
    await waitForHosts(driver, ['n1', 'n2', 'n3', 'n4']);
    await stream.waitForEveryKey(new Map(stream.rounds), 3);
    const four = await settledPlacement(driver, keys, ['n1', 'n2', 'n3', 'n4']);
    const onN4 = keys.filter((k) => four.get(k)?.[0] === 'n4');
    expect(onN4.length).toBeGreaterThan(200 * 0.15);
    expect(onN4.length).toBeLessThan(200 * 0.35);
    // Each of them was released (snapshotted) by its previous owner: counted as a move.
    const moves = await Promise.all(
      ['n1', 'n2', 'n3'].map((nodeID) =>
        driver.call<{ counts: Record<string, number> }, object>(
          'workcenter.host.stats',
          {},
          { nodeID },
        ),
      ),
    );
    expect(moves.reduce((sum, s) => sum + (s.counts['moves'] ?? 0), 0)).toBeGreaterThanOrEqual(
      onN4.length,
    );
    await expectOracle(driver, stream, nats.url);

    // kill -9 of a node under load: its actors resume on the survivors from their commits.
    stream.start();
    await stream.waitForAcked(stream.acked + 600);
    const victim = nodes.find((n) => n.nodeId === 'n2')!;
    const onVictim = keys.filter((k) => four.get(k)?.[0] === 'n2');
    await victim.kill();
    const survivors = ['n1', 'n3', 'n4'];
    await waitForHosts(driver, survivors);
    await stream.waitForEveryKey(new Map(stream.rounds), 3);
    const after = await settledPlacement(driver, keys, survivors);
    for (const key of onVictim) expect(after.get(key)).toEqual([ownerOf(key, survivors)]);
    const laneSize = await expectOracle(driver, stream, nats.url);

    process.stdout.write(
      `failover: acked ${stream.acked}, retries ${stream.retries}, moved to n4 ${onN4.length}, ` +
        `moved off n2 ${onVictim.length}, lane ${laneSize}\n`,
    );
  }, 150_000);
});
