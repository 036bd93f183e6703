// Two plants on one NATS server, each with a `millwright node --services actors --plant <P>`:
// a plant's driver sees only its own plant's node, its actor calls are served there, the
// notifications its actors publish reach only its own plant, and a message for the other
// plant's work center that reaches a node anyway is refused (MW_ACTOR_OTHER_PLANT) and counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker, type Context } from 'moleculer';
import { isMillwrightError } from '../../../contracts/index.ts';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { hostNodes } from '../../../services/workcenter/membership.ts';
import { tellWorkCenter } from '../../../services/workcenter/routing.ts';
import { spawnNode, type ChildNode } from '../../support/child-node.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { waitFor } from '../../support/wait-for.ts';
import { inputFor } from '../actors/support/oracle.ts';

const PLANTS = ['PA', 'PB'] as const;
type Plant = (typeof PLANTS)[number];
const WORK_CENTERS = ['WC-001', 'WC-002', 'WC-003', 'WC-004'];
const ROUNDS = 5;

interface Changed {
  key: string;
  sequence: number;
}

/** A driver in one plant's namespace, recording the notifications it receives. */
function driver(plant: Plant, url: string, heard: Changed[]): ServiceBroker {
  const broker = new ServiceBroker({
    ...createBrokerOptions(
      loadConfig({
        TRANSPORTER: url,
        MILLWRIGHT_PLANT: plant,
        MILLWRIGHT_NODE_ID: `driver-${plant}`,
        MILLWRIGHT_METRICS_PORT: '0',
        LOG_LEVEL: 'fatal',
      }),
    ),
  });
  broker.createService({
    name: 'listener',
    events: {
      'workcenter.counts.changed'(ctx: Context<Changed>) {
        heard.push(ctx.params);
      },
    },
  });
  return broker;
}

describeWithServers(['nats-server'], 'plants are isolated on a shared NATS', () => {
  let nats: TestNatsServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-plants-'));
  const nodes: ChildNode[] = [];
  const drivers: ServiceBroker[] = [];

  afterAll(async () => {
    for (const d of drivers) await d.stop();
    await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
    await (nats as TestNatsServer | undefined)?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves each plant's calls and events on its own nodes only", async () => {
    nats = await startNatsServer();
    for (const plant of PLANTS) {
      const id = `${plant.toLowerCase()}-node`;
      const node = spawnNode(
        ['bin/millwright.js', 'node', '--services', 'actors', '--plant', plant, '--node-id', id],
        { TRANSPORTER: nats.url, MILLWRIGHT_DATA_DIR: join(dataDir, id) },
        false,
      );
      nodes.push(node);
    }
    await Promise.all(nodes.map((n) => n.waitFor('Press Ctrl-C to stop.', 60_000)));
    expect(nodes[0]!.output()).toContain('plant:    PA (namespace millwright-PA)');

    const heard: Record<Plant, Changed[]> = { PA: [], PB: [] };
    const [a, b] = PLANTS.map((plant) => driver(plant, nats.url, heard[plant])) as [
      ServiceBroker,
      ServiceBroker,
    ];
    drivers.push(a, b);
    await Promise.all(drivers.map((d) => d.start()));
    await waitFor(
      'each driver sees its host',
      () => hostNodes(a).join() === 'pa-node' && hostNodes(b).join() === 'pb-node',
      30_000,
    );
    // Notifications may be lost by design; wait until each host knows its driver's listener.
    for (const [broker, id] of [
      [a, 'pa-node'],
      [b, 'pb-node'],
    ] as const)
      await waitFor(`${id} knows the listener`, async () => {
        const events = await broker.call<{ name: string }[], object>(
          '$node.events',
          { onlyAvailable: true },
          { nodeID: id },
        );
        return events.some((e) => e.name === 'workcenter.counts.changed');
      });

    // The same work-center codes in both plants: keys differ only by plant.
    const drive = (broker: ServiceBroker, plant: Plant) =>
      Promise.all(
        WORK_CENTERS.map(async (wc) => {
          const key = `${plant}/${wc}`;
          for (let round = 1; round <= ROUNDS; round++)
            await tellWorkCenter(broker, key, inputFor(key, round));
        }),
      );
    await Promise.all([drive(a, 'PA'), drive(b, 'PB')]);

    // Calls: each plant's actors live on its own node, with exactly its inputs.
    for (const [broker, plant] of [
      [a, 'PA'],
      [b, 'PB'],
    ] as const) {
      const id = `${plant.toLowerCase()}-node`;
      const list = await broker.call<{ actors: { key: string }[] }, object>(
        'workcenter.host.list',
        {},
        { nodeID: id },
      );
      expect(list.actors.map((x) => x.key).sort()).toEqual(
        WORK_CENTERS.map((wc) => `${plant}/${wc}`),
      );
      for (const wc of WORK_CENTERS) {
        const counts = await tellWorkCenter(broker, `${plant}/${wc}`, { kind: 'counts.requested' });
        expect(counts.reply).toMatchObject({ inputs: ROUNDS });
      }
    }
    // The other plant's node is not even known: no way to call it from here.
    expect(hostNodes(a)).toEqual(['pa-node']);
    expect((a.registry.nodes as { get(id: string): unknown }).get('pb-node')).toBeUndefined();
    await expect(a.call('workcenter.host.list', {}, { nodeID: 'pb-node' })).rejects.toMatchObject({
      name: 'ServiceNotFoundError',
    });

    // Events: every notification a driver heard came from its own plant's actors.
    const total = WORK_CENTERS.length * ROUNDS;
    await waitFor(
      'every notification',
      () => heard.PA.length >= total && heard.PB.length >= total,
      10_000,
    );
    expect([heard.PA.length, heard.PB.length]).toEqual([total, total]);
    expect(heard.PA.every((e) => e.key.startsWith('PA/'))).toBe(true);
    expect(heard.PB.every((e) => e.key.startsWith('PB/'))).toBe(true);

    // A misrouted message (plant B's key sent into plant A) is refused and counted, not hosted.
    const refused: unknown = await tellWorkCenter(a, 'PB/WC-001', inputFor('PB/WC-001', 1)).catch(
      (error: unknown) => error,
    );
    expect(isMillwrightError(refused, 'MW_ACTOR_OTHER_PLANT')).toBe(true);
    const stats = await a.call<{ counts: Record<string, number>; active: number }, object>(
      'workcenter.host.stats',
      {},
      { nodeID: 'pa-node' },
    );
    expect(stats.counts['otherPlantRefusals']).toBe(1);
    expect(stats.active).toBe(WORK_CENTERS.length);
  }, 120_000);
});
