import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendToLane, ensureLaneSchema, SqliteLane } from '../../../connectors/lane/index.ts';
import { laneConformance } from '../../support/business/lane-conformance.ts';
import { operationConfirmed } from '../../support/business/events.ts';
import { waitFor } from '../../support/wait-for.ts';

describe('SQLite business lane', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-lane-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('conformance', () => {
    laneConformance(
      () => {
        const file = join(mkdtempSync(join(tmpdir(), 'mw-lane-c-')), 'lane.sqlite');
        let lane = SqliteLane.open(file, { pollIntervalMs: 50 });
        return Promise.resolve({
          get lane() {
            return lane;
          },
          async reopen() {
            await lane.close();
            lane = SqliteLane.open(file, { pollIntervalMs: 50 });
            return lane;
          },
          publishRaw(text: string) {
            const db = new Database(file);
            db.prepare(
              `INSERT INTO lane_events (event_id, type, wc_key, body, published_at)
               VALUES ('junk', 'junk.v1', 'P100/WC-09', ?, 0)`,
            ).run(text);
            db.close();
            return Promise.resolve();
          },
          dispose: () => lane.close(),
        });
      },
      { orderSurvivesRestart: true },
    );
  });

  it('takes an outbox event only when the writer transaction commits', async () => {
    const file = join(dir, 'lane.sqlite');
    const actorDb = new Database(file);
    ensureLaneSchema(actorDb);
    actorDb.exec('CREATE TABLE actor_state (wc TEXT PRIMARY KEY, seq INTEGER)');
    const commit = actorDb.transaction((seq: number, fail: boolean) => {
      actorDb.prepare('INSERT OR REPLACE INTO actor_state VALUES (?, ?)').run('WC-01', seq);
      const result = appendToLane(
        actorDb,
        operationConfirmed({ workCenter: 'WC-01', sequence: seq }),
      );
      if (fail) throw new Error('crash before commit');
      return result;
    });
    expect(commit(1, false)).toEqual({ duplicate: false });
    expect(() => commit(2, true)).toThrow('crash before commit');
    expect(commit(1, false)).toEqual({ duplicate: true });

    const lane = SqliteLane.open(file, { pollIntervalMs: 50 });
    const seen: number[] = [];
    const subscription = await lane.consume('erp', [], async (d) => {
      seen.push(d.event.sequence);
      await d.ack();
    });
    // Written by another connection: found by polling, not by a local wake-up.
    appendToLane(actorDb, operationConfirmed({ workCenter: 'WC-01', sequence: 3 }));
    await waitFor('two events', () => seen.length === 2);
    await subscription.stop();
    await lane.close();
    actorDb.close();
    expect(seen).toEqual([1, 3]);
  });

  it('prunes settled events past the retention and keeps unsettled ones', async () => {
    const lane = SqliteLane.open(join(dir, 'lane.sqlite'), { pollIntervalMs: 50, retentionMs: 0 });
    await lane.publish(operationConfirmed({ workCenter: 'WC-01', sequence: 1 }));
    await lane.publish(operationConfirmed({ workCenter: 'WC-02', sequence: 1 }));
    const seen: string[] = [];
    const subscription = await lane.consume('erp', [], async (d) => {
      seen.push(d.event.workCenter);
      if (d.event.workCenter === 'WC-01') await d.ack();
      else await d.retryLater(60_000);
    });
    await waitFor('both delivered', () => seen.length === 2);
    await subscription.stop();
    expect(lane.pruneSettled(Date.now() + 1)).toBe(1);
    await lane.close();
  });
});
