// ERP books the document and then never answers (past the connector's timeout). The connector
// cannot know it posted; it reads back by reference before retrying, finds the document, and
// records it: no second document although the simulator ignores Repeatability-Request-ID.
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { eventMix } from '../../support/business/events.ts';
import { startErpRig } from '../support/erp-rig.ts';

describeWithServers(['nats-server'], 'ERP commits then hangs', () => {
  let nats: TestNatsServer;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats.dispose();
  });

  it('reads back instead of posting twice when the answer to a commit is lost', async () => {
    const rig = await startErpRig({ natsUrl: nats.url, erpTimeoutMs: 500 });
    try {
      const events = eventMix(3, 4);
      rig.sim.fault({ kind: 'commitThenHang', forMs: 2_000 });
      await rig.publish(events);
      await rig.settled(events);
      const test = 'commit-then-hang';
      expect(await rig.oracle(test, events)).toEqual({
        test,
        expected: 12,
        posted: 12,
        duplicates: 0,
        lost: 0,
        deadLettered: 0,
      });
      // Every hung commit was found again by read-back, none was posted a second time.
      const counts = rig.sim.counts();
      expect(rig.connector.metrics.count('recovered')).toBeGreaterThan(0);
      expect(counts.materialDocuments + counts.confirmations).toBe(12);
      expect(counts.postsReceived).toBe(12);
    } finally {
      await rig.close();
    }
  });
});
