import { ActorRuntime, FakeClock, isMillwrightError, MemoryActorStore } from './imports.ts';
import { countingMetrics, recorderKind } from './recorder-kind.ts';

describe('fencing', () => {
  it('refuses the commit of a stale owner with MW_ACTOR_FENCED, counts it, and reloads on the next message', async () => {
    const store = new MemoryActorStore();
    const staleMetrics = countingMetrics();
    const stale = new ActorRuntime({
      kind: recorderKind,
      store,
      clock: new FakeClock(),
      metrics: staleMetrics.port,
    });
    const owner = new ActorRuntime({ kind: recorderKind, store, clock: new FakeClock() });

    await stale.ask('P1/WC1', { kind: 'add', value: 'a' });
    // The actor moved (a partition, say): the new owner loads and commits newer revisions.
    await owner.ask('P1/WC1', { kind: 'add', value: 'b' });
    await owner.ask('P1/WC1', { kind: 'add', value: 'c' });

    const first = stale.ask('P1/WC1', { kind: 'add', value: 'stale-1' });
    const second = stale.ask('P1/WC1', { kind: 'add', value: 'stale-2' });
    const errors = await Promise.all([first, second].map((p) => p.catch((e: unknown) => e)));
    expect(errors.every((e) => isMillwrightError(e, 'MW_ACTOR_FENCED') && e.retryable)).toBe(true);
    expect(staleMetrics.counts['fencedCommits']).toBe(1);
    expect(stale.has('P1/WC1')).toBe(false);
    expect(await store.load('P1/WC1')).toMatchObject({
      seq: 3,
      state: { values: ['a', 'b', 'c'] },
    });

    // A later message (routed here again) activates afresh from the committed snapshot.
    await stale.ask('P1/WC1', { kind: 'add', value: 'd' });
    expect((await stale.ask('P1/WC1', { kind: 'get' })).reply).toEqual(['a', 'b', 'c', 'd']);
    await Promise.all([stale.stop(), owner.stop()]);
  });

  it('lets exactly one of two concurrent first activations commit', async () => {
    const store = new MemoryActorStore();
    const a = new ActorRuntime({ kind: recorderKind, store, clock: new FakeClock() });
    const b = new ActorRuntime({ kind: recorderKind, store, clock: new FakeClock() });
    const results = await Promise.allSettled([
      a.ask('P1/WC1', { kind: 'add', value: 'a' }),
      b.ask('P1/WC1', { kind: 'add', value: 'b' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    await Promise.all([a.stop(), b.stop()]);
  });
});
