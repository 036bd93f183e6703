// Split brain: node p3 reaches NATS through a proxy that the test cuts (the process keeps
// running with its actors in memory). The other nodes take its actors over and commit newer
// revisions. When the network heals, p3's stale activations cannot commit: the KV revision
// check refuses them (MW_ACTOR_FENCED, counted) and none of their events reach MW_BIZ.
import type { ServiceBroker } from 'moleculer';
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
import { TcpProxy } from './support/tcp-proxy.ts';

interface Stats {
  counts: Record<string, number>;
  active: number;
}

describeWithServers(['nats-server'], 'work-center actors across a network partition', () => {
  let nats: TestNatsServer | undefined;
  let proxy: TcpProxy | undefined;
  let driver: ServiceBroker | undefined;
  let stream: SteadyStream | undefined;
  const nodes: NodeProcess[] = [];

  afterAll(async () => {
    await stream?.stop().catch(() => undefined);
    await driver?.stop();
    await Promise.all(nodes.map((n) => n.kill()));
    await proxy?.stop();
    await nats?.dispose();
  });

  it('fences the isolated owner after its actors moved, and nothing it did reaches the lane', async () => {
    nats = await startNatsServer();
    proxy = new TcpProxy(nats.port);
    await proxy.start();
    const p1 = new NodeProcess('p1', { TRANSPORTER: nats.url });
    const p2 = new NodeProcess('p2', { TRANSPORTER: nats.url });
    const p3 = new NodeProcess('p3', { TRANSPORTER: proxy.url });
    nodes.push(p1, p2, p3);
    await Promise.all(nodes.map((n) => n.ready));
    const d = driverBroker(nats.url);
    driver = d;
    await d.start();
    await waitForHosts(d, ['p1', 'p2', 'p3']);

    const keys = workCenterKeys(60);
    stream = new SteadyStream(d, keys);
    stream.start();
    await stream.waitForAcked(300);
    const onP3 = (await p3.request<{ actors: { key: string }[] }>('list')).actors.map((a) => a.key);
    expect(onP3.length).toBeGreaterThan(5);

    // Nothing in flight to p3, then partition it: it keeps its actors, loaded, in memory.
    await stream.stop();
    const [duringHalf, afterHalf] = [
      onP3.filter((_, i) => i % 2 === 0),
      onP3.filter((_, i) => i % 2 === 1),
    ];
    proxy.partition();
    // Isolated, p3 cannot commit at all (its store does not answer).
    const isolated = await p3.request<string[]>('poison', {
      keys: duringHalf,
      source: 'stale-p3-isolated',
    });
    expect(isolated).toEqual(duringHalf.map(() => 'MW_ACTOR_STORE_UNAVAILABLE'));

    // The others notice (heartbeat timeout), take its actors over and commit newer revisions.
    await waitForHosts(d, ['p1', 'p2']);
    stream.start();
    await stream.waitForEveryKey(new Map(stream.rounds), 3);
    await stream.stop();

    // Heal. Before anything else reaches p3, its stale activations try to commit: fenced.
    proxy.heal();
    await waitFor('p3 back in the cluster', () => {
      const nodes = d.registry.nodes as { get(id: string): { available: boolean } | undefined };
      return nodes.get('p3')?.available === true;
    });
    const outcomes = await p3.request<string[]>('poison', {
      keys: afterHalf,
      source: 'stale-p3-healed',
    });
    expect(outcomes).toEqual(afterHalf.map(() => 'MW_ACTOR_FENCED'));
    const p3Stats = await p3.request<Stats>('stats');
    expect(p3Stats.counts['fencedCommits']).toBe(afterHalf.length);

    // The cluster goes on with p3 as a member again; states equal the oracle.
    stream.start();
    await stream.waitForEveryKey(new Map(stream.rounds), 3);
    await stream.stop();
    const expectedCauses: string[] = [];
    for (const key of keys) {
      const { scrapCauses, ...counts } = oracle(key, stream.rounds.get(key) ?? 0);
      expectedCauses.push(...scrapCauses);
      const result = await tellWorkCenter(d, key, { kind: 'counts.requested' });
      expect({ key, ...(result.reply as object) }).toEqual({ key, ...counts });
    }
    const lane = await readBusinessStream(nats.url);
    expect(lane.filter((m) => m.event.causationId.startsWith('stale-p3'))).toEqual([]);
    expect(p3Stats.counts['fencedCommits']).toBeGreaterThan(0);
    expect(lane.map((m) => m.event.causationId).sort()).toEqual(expectedCauses.sort());
    expect(new Set(lane.map((m) => m.event.eventId)).size).toBe(lane.length);
  }, 120_000);
});
