// The embedded outbox: the actor store appends its committed events to the business lane in
// the same SQLite transaction as the state (decision 0850), so the ERP consumer sees exactly
// the committed events, also after the writing process is gone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteActorStore } from '../../../actors/index.ts';
import { appendToLane, ensureLaneSchema, SqliteLane } from '../../../connectors/lane/index.ts';
import { isMillwrightError } from '../../../contracts/index.ts';
import { operationConfirmed } from '../../support/business/events.ts';
import { waitFor } from '../../support/wait-for.ts';

const appender = { prepare: ensureLaneSchema, append: appendToLane };

describe('actor store outbox into the embedded lane', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-outbox-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers committed events once, and none of a fenced (rolled back) commit', async () => {
    const file = join(dir, 'actors.sqlite');
    const store = new SqliteActorStore(file, appender);
    const e1 = operationConfirmed({ workCenter: 'WC-01', sequence: 1 });
    const e2 = operationConfirmed({ workCenter: 'WC-01', sequence: 2 });
    const stale = operationConfirmed({ workCenter: 'WC-01', sequence: 3 });
    expect(await store.commit('P100/WC-01', 0, { seq: 1, state: {}, outbox: [e1] })).toBe(1);
    const fenced = await store
      .commit('P100/WC-01', 0, { seq: 1, state: {}, outbox: [stale] })
      .catch((e: unknown) => e);
    expect(isMillwrightError(fenced, 'MW_ACTOR_FENCED')).toBe(true);
    // A replayed step re-commits the same event id: the lane keeps one.
    expect(await store.commit('P100/WC-01', 1, { seq: 2, state: {}, outbox: [e1, e2] })).toBe(2);
    // The writer is gone before any consumer ran: the events are in the file all the same.
    await store.close();

    const lane = SqliteLane.open(file, { pollIntervalMs: 20 });
    const seen: string[] = [];
    const subscription = await lane.consume('erp', ['operation.confirmed.v1'], async (d) => {
      seen.push(d.event.eventId);
      await d.ack();
    });
    await waitFor('two events', () => seen.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await subscription.stop();
    await lane.close();
    expect(seen).toEqual([e1.eventId, e2.eventId]);
  });
});
