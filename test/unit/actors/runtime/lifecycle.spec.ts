import { ActorRuntime, FakeClock, MemoryActorStore } from './imports.ts';
import { countingMetrics, recorderKind } from './recorder-kind.ts';

function setup(idleMs = 1_000) {
  const clock = new FakeClock();
  const store = new MemoryActorStore();
  const metrics = countingMetrics();
  const runtime = new ActorRuntime({
    kind: recorderKind,
    store,
    clock,
    idleMs,
    sweepMs: 100,
    metrics: metrics.port,
    offloader: (_task, input) => Promise.resolve((input as number) ** 2),
  });
  return { clock, store, metrics, runtime };
}

describe('actor lifecycle', () => {
  it('activates on the first message, passivates after the idle time, reactivates from the snapshot', async () => {
    const { clock, store, metrics, runtime } = setup();
    await runtime.ask('P1/WC1', { kind: 'add', value: 'a' });
    expect(runtime.has('P1/WC1')).toBe(true);
    expect(metrics.counts['activations']).toBe(1);

    await clock.advance(900);
    expect(runtime.has('P1/WC1')).toBe(true);
    await clock.advance(300);
    expect(runtime.has('P1/WC1')).toBe(false);
    expect(metrics.counts['passivations']).toBe(1);
    expect(metrics.gauges.active).toBe(0);

    const stored = await store.load('P1/WC1');
    expect(stored).toMatchObject({ seq: 1, state: { values: ['a'] } });
    const after = await runtime.ask('P1/WC1', { kind: 'add', value: 'b' });
    expect(after.sequence).toBe(2);
    expect((await runtime.ask('P1/WC1', { kind: 'get' })).reply).toEqual(['a', 'b']);
    expect(metrics.counts['activations']).toBe(2);
    await runtime.stop();
  });

  it('keeps an actor with traffic active and passivates each idle one on its own', async () => {
    const { clock, runtime } = setup();
    await runtime.ask('P1/BUSY', { kind: 'add', value: '0' });
    await runtime.ask('P1/IDLE', { kind: 'add', value: '0' });
    for (let i = 1; i <= 5; i++) {
      await clock.advance(400);
      await runtime.ask('P1/BUSY', { kind: 'add', value: String(i) });
    }
    expect(runtime.keys()).toEqual(['P1/BUSY']);
    await runtime.stop();
  });

  it('delivers a scheduled message after its delay and does not passivate while it is pending', async () => {
    const { clock, runtime } = setup(500);
    await runtime.ask('P1/WC1', { kind: 'later', value: 'tick', delayMs: 2_000 });
    await clock.advance(1_500);
    expect(runtime.has('P1/WC1')).toBe(true);
    expect((await runtime.ask('P1/WC1', { kind: 'get' })).reply).toEqual([]);
    await clock.advance(600);
    expect((await runtime.ask('P1/WC1', { kind: 'get' })).reply).toEqual(['tick']);
    await runtime.stop();
  });

  it('offloads work and receives its result as a message', async () => {
    const { clock, runtime } = setup();
    await runtime.ask('P1/WC1', { kind: 'square', n: 12 });
    await clock.advance(10);
    expect((await runtime.ask('P1/WC1', { kind: 'get' })).reply).toEqual(['144']);
    await runtime.stop();
  });

  it('on release finishes the queued messages, snapshots, then refuses with MW_ACTOR_MOVING', async () => {
    const { store, metrics, runtime } = setup();
    const queued = ['a', 'b', 'c'].map((value) => runtime.ask('P1/WC1', { kind: 'add', value }));
    const released = runtime.release('P1/WC1');
    const late = runtime.ask('P1/WC1', { kind: 'add', value: 'late' });
    await Promise.all(queued);
    await released;
    await expect(late).rejects.toMatchObject({ type: 'MW_ACTOR_MOVING', retryable: true });
    expect(runtime.has('P1/WC1')).toBe(false);
    expect(metrics.counts['moves']).toBe(1);
    expect(await store.load('P1/WC1')).toMatchObject({
      seq: 3,
      state: { values: ['a', 'b', 'c'] },
    });
    await runtime.stop();
  });

  it('reports commit latency and the active / mailbox gauges', async () => {
    const { clock, metrics, runtime } = setup();
    await runtime.ask('P1/WC1', { kind: 'add', value: 'a' });
    await runtime.ask('P1/WC2', { kind: 'add', value: 'a' });
    await clock.advance(100);
    expect(metrics.gauges).toEqual({ active: 2, depth: 0 });
    expect(metrics.latencies).toHaveLength(2);
    await runtime.stop();
  });
});
