// Two plants on one NATS server share the MW_BIZ stream, but a lane opened for a plant consumes
// only that plant's subjects (durable `<consumer>-<plant>` over `mw.biz.<plant>.>`) and lists
// only its dead letters: one plant's load never reaches another plant's connectors.
import { connect, type NatsConnection } from 'nats';
import type { AnyBusinessEvent } from '../../../contracts/index.ts';
import { JetStreamLane } from '../../../connectors/lane/index.ts';
import { operationConfirmed } from '../../support/business/events.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { sleep, waitFor } from '../../support/wait-for.ts';

describeWithServers(['nats-server'], 'business lane scoped to a plant', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await nc.close();
    await server.dispose();
  });

  it("consumes and dead-letters only its own plant's events", async () => {
    const lanes = {
      PA: await JetStreamLane.open({ connection: nc, ackWaitMs: 2_000, plant: 'PA' }),
      PB: await JetStreamLane.open({ connection: nc, ackWaitMs: 2_000, plant: 'PB' }),
    };
    const published: Record<'PA' | 'PB', string[]> = { PA: [], PB: [] };
    for (const [plant, count] of [
      ['PA', 5],
      ['PB', 3],
    ] as const)
      for (let sequence = 1; sequence <= count; sequence++) {
        const event = operationConfirmed({ plant, workCenter: 'WC-01', sequence });
        published[plant].push(event.eventId);
        // Either lane publishes anywhere: scoping is about what a plant consumes.
        await lanes.PB.publish(event);
      }

    const seen: Record<'PA' | 'PB', AnyBusinessEvent[]> = { PA: [], PB: [] };
    const subscriptions = await Promise.all(
      (['PA', 'PB'] as const).map((plant) =>
        lanes[plant].consume('erp', [], async (delivery) => {
          seen[plant].push(delivery.event);
          // The first event of each plant is given up on: it must land in that plant's DLQ.
          if (delivery.event.sequence === 1)
            await delivery.deadLetter({ code: 'MW_ERP_REJECTED', message: 'test' });
          else await delivery.ack();
        }),
      ),
    );
    await waitFor('both plants consumed', () => seen.PA.length + seen.PB.length >= 8, 20_000);
    await sleep(500); // nothing more may arrive
    for (const s of subscriptions) await s.stop();

    expect(seen.PA.map((e) => e.eventId)).toEqual(published.PA);
    expect(seen.PB.map((e) => e.eventId)).toEqual(published.PB);
    const jsm = await nc.jetstreamManager();
    const durable = await jsm.consumers.info('MW_BIZ', 'erp-PA');
    expect(durable.config.filter_subject).toBe('mw.biz.PA.>');
    expect(durable.num_pending + durable.num_ack_pending).toBe(0);

    const letters = {
      PA: await lanes.PA.deadLetters.list('erp'),
      PB: await lanes.PB.deadLetters.list('erp'),
    };
    expect(letters.PA.map((l) => l.event?.plant)).toEqual(['PA']);
    expect(letters.PB.map((l) => l.event?.plant)).toEqual(['PB']);
    await lanes.PA.close();
    await lanes.PB.close();
  }, 60_000);
});
