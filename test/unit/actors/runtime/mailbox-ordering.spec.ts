import { ActorRuntime, FakeClock, isMillwrightError, settle } from './imports.ts';
import { HeldStore, recorderKind, seen } from './recorder-kind.ts';

function runtimeWith(store: HeldStore, mailboxCapacity = 100) {
  return new ActorRuntime({ kind: recorderKind, store, clock: new FakeClock(), mailboxCapacity });
}

describe('actor mailbox', () => {
  beforeEach(() => {
    seen.length = 0;
  });

  it("processes one actor's messages in the order they were sent", async () => {
    const runtime = runtimeWith(new HeldStore());
    const sent = Array.from({ length: 50 }, (_, i) => String(i));
    const results = await Promise.all(
      sent.map((value) => runtime.ask('P1/WC1', { kind: 'add', value })),
    );
    expect(results.map((r) => r.sequence)).toEqual(sent.map((_, i) => i + 1));
    const values = await runtime.ask('P1/WC1', { kind: 'get' });
    expect(values.reply).toEqual(sent);
    await runtime.stop();
  });

  it('runs the next message only after the previous one is committed', async () => {
    const store = new HeldStore();
    const runtime = runtimeWith(store);
    store.hold();
    const first = runtime.ask('P1/WC1', { kind: 'add', value: 'a' });
    const second = runtime.ask('P1/WC1', { kind: 'add', value: 'b' });
    await settle();
    // 'a' ran and waits for its commit; 'b' has not reached the behaviour.
    expect(seen).toEqual(['P1/WC1:a']);
    expect(store.committing).toBe(1);
    store.release();
    await expect(first).resolves.toMatchObject({ sequence: 1, committed: true });
    await expect(second).resolves.toMatchObject({ sequence: 2, committed: true });
    expect(seen).toEqual(['P1/WC1:a', 'P1/WC1:b']);
    await runtime.stop();
  });

  it('lets different actors proceed independently', async () => {
    const store = new HeldStore();
    const runtime = runtimeWith(store);
    store.hold();
    const pending = ['A', 'B', 'C'].map((wc) =>
      runtime.ask(`P1/${wc}`, { kind: 'add', value: 'x' }),
    );
    await settle();
    expect(store.committing).toBe(3);
    store.release();
    await Promise.all(pending);
    await runtime.stop();
  });

  it('refuses with MW_ACTOR_BUSY (retryable) when the mailbox is full, and recovers', async () => {
    const store = new HeldStore();
    const runtime = runtimeWith(store, 2);
    store.hold();
    const inHand = runtime.ask('P1/WC1', { kind: 'add', value: '0' });
    await settle();
    const queued = [1, 2].map((i) => runtime.ask('P1/WC1', { kind: 'add', value: String(i) }));
    const refused = runtime.ask('P1/WC1', { kind: 'add', value: '3' });
    await expect(refused).rejects.toMatchObject({ type: 'MW_ACTOR_BUSY', retryable: true });
    expect(() => {
      runtime.tell('P1/WC1', { kind: 'add', value: '4' });
    }).toThrow(expect.objectContaining({ type: 'MW_ACTOR_BUSY' }) as Error);
    store.release();
    await Promise.all([inHand, ...queued]);
    const after = await runtime.ask('P1/WC1', { kind: 'get' });
    expect(after.reply).toEqual(['0', '1', '2']);
    await runtime.stop();
  });

  it('rejects a message whose behaviour throws and keeps the state unchanged', async () => {
    const runtime = runtimeWith(new HeldStore());
    await runtime.ask('P1/WC1', { kind: 'add', value: 'a' });
    const error: unknown = await runtime.ask('P1/WC1', { kind: 'boom' }).catch((e: unknown) => e);
    expect(isMillwrightError(error, 'MW_ACTOR_BEHAVIOR_FAILED')).toBe(true);
    await expect(runtime.ask('P1/WC1', { kind: 'add', value: 'b' })).resolves.toMatchObject({
      sequence: 2,
    });
    await runtime.stop();
  });

  it('refuses messages once stopped (MW_ACTOR_STOPPED)', async () => {
    const runtime = runtimeWith(new HeldStore());
    await runtime.stop();
    await expect(runtime.ask('P1/WC1', { kind: 'get' })).rejects.toMatchObject({
      type: 'MW_ACTOR_STOPPED',
    });
  });
});
