// ERP answers 500 to everything for a window mid-stream: postings wait (backoff, circuit
// breaker), nothing is dead-lettered, and afterwards every event is in ERP exactly once.
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { eventMix } from '../../support/business/events.ts';
import { waitFor } from '../../support/wait-for.ts';
import { startErpRig, type ErpRig } from '../support/erp-rig.ts';

const OUTAGE_MS = 3_000;

async function outage(rig: ErpRig, test: string) {
  const events = eventMix(3, 10);
  await rig.publish(events.slice(0, 15));
  await waitFor('the first postings', () => rig.sim.counts().postsReceived >= 5);
  rig.sim.fault({ kind: 'error500', forMs: OUTAGE_MS });
  await rig.publish(events.slice(15));
  await rig.settled(events);
  const report = await rig.oracle(test, events);
  expect(report).toEqual({
    test,
    expected: 30,
    posted: 30,
    duplicates: 0,
    lost: 0,
    deadLettered: 0,
  });
  expect(rig.sim.counts().faulted).toBeGreaterThan(0);
  expect(rig.connector.metrics.count('retries')).toBeGreaterThan(0);
  expect(rig.connector.metrics.count('circuitOpened')).toBeGreaterThan(0);
}

describe('ERP outage window, embedded lane', () => {
  it('posts every event exactly once after ERP returned 500s for a window', async () => {
    const rig = await startErpRig();
    try {
      await outage(rig, 'outage-500 (sqlite lane)');
    } finally {
      await rig.close();
    }
  });
});

describeWithServers(['nats-server'], 'ERP outage window, JetStream lane', () => {
  let nats: TestNatsServer;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats.dispose();
  });

  it('posts every event exactly once after ERP returned 500s for a window', async () => {
    const rig = await startErpRig({ natsUrl: nats.url });
    try {
      await outage(rig, 'outage-500 (jetstream lane)');
    } finally {
      await rig.close();
    }
  });
});
