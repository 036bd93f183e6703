import { connect, type NatsConnection } from 'nats';
import { JetStreamLane } from '../../../connectors/lane/index.ts';
import { laneConformance } from '../../support/business/lane-conformance.ts';
import { operationConfirmed } from '../../support/business/events.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { sleep, waitFor } from '../../support/wait-for.ts';

describeWithServers(['nats-server'], 'JetStream business lane', () => {
  let server: TestNatsServer;
  const connections: NatsConnection[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  async function fresh(): Promise<JetStreamLane> {
    const nc = await connect({ servers: server.url });
    connections.push(nc);
    const jsm = await nc.jetstreamManager();
    for (const stream of ['MW_BIZ', 'MW_DLQ']) await jsm.streams.delete(stream).catch(() => false);
    return JetStreamLane.open({ connection: nc, ackWaitMs: 2_000 });
  }

  afterEach(async () => {
    for (const nc of connections.splice(0)) await nc.close();
  });

  describe('conformance', () => {
    laneConformance(
      async () => {
        let lane = await fresh();
        return {
          get lane() {
            return lane;
          },
          async reopen() {
            await lane.close();
            const nc = await connect({ servers: server.url });
            connections.push(nc);
            lane = await JetStreamLane.open({ connection: nc, ackWaitMs: 2_000 });
            return lane;
          },
          async publishRaw(text) {
            const js = connections[0]!.jetstream();
            await js.publish('mw.biz.P100.WC-09.junk.v1', new TextEncoder().encode(text));
          },
          dispose: () => lane.close(),
        };
      },
      { orderSurvivesRestart: false },
    );
  });

  it('keeps a slow handler from being redelivered by pinging in-progress', async () => {
    const nc = await connect({ servers: server.url });
    connections.push(nc);
    const jsm = await nc.jetstreamManager();
    for (const stream of ['MW_BIZ', 'MW_DLQ']) await jsm.streams.delete(stream).catch(() => false);
    const lane = await JetStreamLane.open({ connection: nc, ackWaitMs: 1_000 });
    for (let s = 1; s <= 3; s += 1)
      await lane.publish(operationConfirmed({ workCenter: 'WC-01', sequence: s }));
    const attempts: number[] = [];
    const subscription = await lane.consume('slow', [], async (d) => {
      attempts.push(d.attempt);
      await sleep(1_500); // longer than the ack wait, while later events queue behind it
      await d.ack();
    });
    await waitFor('three handled', () => attempts.length >= 3, 20_000);
    await sleep(500);
    await subscription.stop();
    await lane.close();
    expect(attempts).toEqual([1, 1, 1]);
    const info = await jsm.consumers.info('MW_BIZ', 'slow');
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });
});
