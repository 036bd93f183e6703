// A poison event (its material is not in ERP) goes to the dead letters with its reason while
// the others post; master data is fixed, an operator replays it through `erp.connector.replay`
// (same event id), and it is posted exactly once. Runs the real erp.connector service.
import { connect } from 'nats';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JetStreamLane, type DeadLetterEntry } from '../../../connectors/lane/index.ts';
import type { PostResult } from '../../../connectors/erp/index.ts';
import { ErpSimulator } from '../../../connectors/erp/simulator/index.ts';
import { AuditLog, loadConfig } from '../../../services/platform/index.ts';
import { startNode, type RunningNode } from '../../../services/runtime/run-node.ts';
import { eventMix, materialConsumed } from '../../support/business/events.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { rejectionOf } from '../../support/thrown.ts';
import { erpOracle } from '../support/erp-oracle.ts';
import { TEST_MATERIALS } from '../support/erp-rig.ts';
import { waitFor } from '../../support/wait-for.ts';

describeWithServers(['nats-server'], 'poison event, dead letter and replay', () => {
  let nats: TestNatsServer;
  let sim: ErpSimulator;
  let dataDir: string;
  let node: RunningNode;

  beforeAll(async () => {
    nats = await startNatsServer();
    sim = await ErpSimulator.start({ materials: TEST_MATERIALS, repeatability: false });
    dataDir = mkdtempSync(join(tmpdir(), 'mw-poison-'));
    const config = loadConfig(
      {},
      {
        TRANSPORTER: nats.url,
        MILLWRIGHT_ERP_URL: sim.url,
        MILLWRIGHT_DATA_DIR: dataDir,
        MILLWRIGHT_METRICS_PORT: '0',
        LOG_LEVEL: 'error',
        MILLWRIGHT_NODE_ID: 'poison-node',
      },
    );
    node = await startNode(config, ['connectors']);
  });
  afterAll(async () => {
    await node.stop();
    await sim.close();
    await nats.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('dead-letters the poison event with its reason, and posts it once after fix and replay', async () => {
    const nc = await connect({ servers: nats.url });
    const lane = await JetStreamLane.open({ connection: nc });
    const poison = materialConsumed({ workCenter: 'WC-02', sequence: 99, material: 'RM-MISSING' });
    const events = [...eventMix(2, 6), poison];
    for (const event of events) await lane.publish(event);

    const call = <T>(action: string, params: object = {}) =>
      node.broker.call<T, object>(`erp.connector.${action}`, params);
    await waitFor(
      'one dead letter',
      async () => (await call<DeadLetterEntry[]>('list')).length === 1,
    );
    await waitFor('the other twelve in ERP', () => sim.documentsByReference().size === 12);
    const before = erpOracle(
      'poison before replay',
      events,
      sim,
      await call<DeadLetterEntry[]>('list'),
    );
    expect(before).toMatchObject({
      expected: 13,
      posted: 12,
      duplicates: 0,
      lost: 0,
      deadLettered: 1,
    });

    const [letter] = await call<DeadLetterEntry[]>('list');
    expect(letter).toMatchObject({
      consumer: 'erp',
      attempts: 1,
      event: { eventId: poison.eventId },
      reason: {
        code: 'MW_ERP_MASTER_DATA_MISSING',
        data: { erp: { status: 400, code: 'M3/305' } },
      },
    });
    expect(letter!.reason.message).toContain('RM-MISSING');

    // Replay before the fix: refused again, the dead letter stays.
    expect(await rejectionOf(call('replay', { id: letter!.id, actor: 'alice' }))).toMatchObject({
      type: 'MW_ERP_MASTER_DATA_MISSING',
    });
    expect(await call<DeadLetterEntry[]>('list')).toHaveLength(1);

    sim.addMaterial('RM-MISSING');
    const replayed = await call<PostResult>('replay', { id: letter!.id, actor: 'alice' });
    expect(replayed).toMatchObject({ eventId: poison.eventId, outcome: 'posted' });
    expect(await call<DeadLetterEntry[]>('list')).toEqual([]);
    expect(await rejectionOf(call('replay', { id: letter!.id }))).toMatchObject({
      type: 'MW_LANE_DEAD_LETTER_NOT_FOUND',
    });

    // A replayed actor republishing the event is absorbed by the lane's de-duplication.
    expect(await lane.publish({ ...poison })).toEqual({ duplicate: true });
    const after = erpOracle(
      'poison after fix and replay',
      events,
      sim,
      await call<DeadLetterEntry[]>('list'),
    );
    expect(after).toEqual({
      test: 'poison after fix and replay',
      expected: 13,
      posted: 13,
      duplicates: 0,
      lost: 0,
      deadLettered: 0,
    });
    expect(sim.documentsByReference().size).toBe(13);

    // Both replays are in the node's hash-chained audit log, under the event's correlation id.
    const log = new AuditLog(join(dataDir, 'audit.sqlite'));
    const audit = log.list().filter((a) => a.action === 'erp.connector.replay');
    expect(audit.map((a) => [a.actor, a.outcome, a.correlationId])).toEqual([
      ['alice', 'failed: MW_ERP_MASTER_DATA_MISSING', poison.correlationId],
      ['alice', 'posted', poison.correlationId],
    ]);
    expect(log.verify()).toMatchObject({ ok: true });
    log.close();
    const stats = await call<Record<string, number>>('stats');
    expect(stats).toMatchObject({ deadLettered: 1, replays: 2 });
    await lane.close();
    await nc.close();
  });
});
