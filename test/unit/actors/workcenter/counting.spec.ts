import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ActorRuntime,
  FakeClock,
  SqliteActorStore,
  workCenterKind,
  type CountsReported,
} from '../runtime/imports.ts';
import { deriveEventId, isMillwrightError, ScrapDeclared } from '../../../../contracts/index.ts';

function input(source: string, sourceSeq: number, good: number, scrap: number): CountsReported {
  return {
    kind: 'counts.reported',
    source: source as CountsReported['source'],
    sourceSeq,
    good,
    scrap,
    occurredAt: '2026-01-01T06:00:00.000Z',
  };
}

describe('work-center actor', () => {
  let dir: string;
  let store: SqliteActorStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-wc-'));
    store = new SqliteActorStore(join(dir, 'actors.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts good and scrap per source and ignores inputs it applied before', async () => {
    const runtime = new ActorRuntime({ kind: workCenterKind, store, clock: new FakeClock() });
    const key = 'P100/WC-01';
    await runtime.ask(key, input('plc-1', 1, 10, 0));
    await runtime.ask(key, input('plc-1', 2, 5, 1));
    await runtime.ask(key, input('plc-2', 1, 3, 2));
    const duplicate = await runtime.ask(key, input('plc-1', 2, 5, 1));
    expect(duplicate).toMatchObject({
      committed: false,
      reply: { accepted: false, duplicate: true },
    });
    const old = await runtime.ask(key, input('plc-1', 1, 10, 0));
    expect(old.committed).toBe(false);

    const counts = await runtime.ask(key, { kind: 'counts.requested' });
    expect(counts.reply).toEqual({ good: 18, scrap: 3, inputs: 3 });
    const view = await runtime.inspect(key);
    expect(view?.state.sources).toEqual({
      'plc-1': { highWater: 2, above: [], good: 15, scrap: 1 },
      'plc-2': { highWater: 1, above: [], good: 3, scrap: 2 },
    });
    await runtime.stop();
  });

  it('declares scrap with a deterministic event id from the actor sequence, in the outbox', async () => {
    const runtime = new ActorRuntime({ kind: workCenterKind, store, clock: new FakeClock() });
    await runtime.ask('P100/WC-01', input('plc-1', 1, 10, 0));
    await runtime.ask('P100/WC-01', input('plc-1', 2, 5, 4));
    const events = store.outboxEvents();
    expect(events).toHaveLength(1);
    const event = ScrapDeclared.parse(events[0]);
    expect(event).toMatchObject({
      eventId: deriveEventId({
        plant: 'P100',
        workCenter: 'WC-01',
        sequence: 2,
        type: 'scrap.declared.v1',
      }),
      sequence: 2,
      causationId: 'plc-1:2',
      payload: { quantity: { value: 4, unit: 'ea' } },
    });
    await runtime.stop();
  });

  it('replays to the same state and the same event ids after a restart from the store', async () => {
    const file = join(dir, 'actors.sqlite');
    const inputs = [input('a', 1, 1, 1), input('b', 1, 2, 0), input('a', 2, 0, 3)];
    const first = new ActorRuntime({ kind: workCenterKind, store, clock: new FakeClock() });
    for (const i of inputs) await first.ask('P100/WC-02', i);
    await first.stop();
    await store.close();

    store = new SqliteActorStore(file);
    const second = new ActorRuntime({ kind: workCenterKind, store, clock: new FakeClock() });
    // The edge re-sends everything it has no acknowledgement for: no second effect.
    for (const i of inputs) await second.ask('P100/WC-02', i);
    expect((await second.ask('P100/WC-02', { kind: 'counts.requested' })).reply).toEqual({
      good: 3,
      scrap: 4,
      inputs: 3,
    });
    expect(store.outboxEvents().map((e) => e.causationId)).toEqual(['a:1', 'a:2']);
    await second.stop();
  });

  it('rejects a message outside the protocol with MW_ACTOR_MESSAGE_INVALID and the zod issues', () => {
    let error: unknown;
    try {
      workCenterKind.parseMessage({ kind: 'counts.reported', good: -1 });
    } catch (e) {
      error = e;
    }
    expect(isMillwrightError(error, 'MW_ACTOR_MESSAGE_INVALID')).toBe(true);
    const data = (error as { data: { issues: unknown } }).data;
    expect(Array.isArray(data.issues)).toBe(true);
  });
});
