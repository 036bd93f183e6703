import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Forwarder, FrameStore } from '../../../edge/buffer/index.ts';
import { FrameBuilder, type EncodedFrame } from '../../../edge/framing/index.ts';
import { samplesOf, waitFor } from '../../support/edge/index.ts';

const sample = (i: number, source = 'uns') => ({
  workCenter: 'WC-1',
  source,
  tag: 1,
  timestampMs: 1_700_000_000_000 + i,
  value: i,
  quality: 0 as const,
});

describe('store-and-forward', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-saf-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function builderOn(store: FrameStore) {
    return new FrameBuilder({
      plant: 'P100',
      outlet: store,
      maxSamples: 10,
      maxAgeMs: 60_000,
    });
  }

  it('keeps frames through an outage and drains them in order with original timestamps', async () => {
    const store = new FrameStore({ file: join(dir, 'buffer.db') });
    const delivered: EncodedFrame[] = [];
    let up = false;
    const forwarder = new Forwarder({
      store,
      retryMs: 20,
      deliver: async (frame) => {
        if (!up) throw new Error('cluster unreachable');
        delivered.push(frame);
        await Promise.resolve();
      },
    });
    forwarder.start();
    const builder = builderOn(store);
    for (let i = 1; i <= 100; i += 1) builder.add(sample(i));
    await waitFor(() => store.metrics.count('deliveryFailures') >= 2, 'outage seen');
    expect(store.count()).toBe(10);
    up = true;
    await waitFor(() => store.count() === 0, 'backlog drained');
    await forwarder.stop();
    expect(samplesOf(delivered).map((s) => s.value)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    expect(samplesOf(delivered).map((s) => s.timestampMs)).toEqual(
      Array.from({ length: 100 }, (_, i) => 1_700_000_000_001 + i),
    );
    expect(delivered.map((f) => f.header.frameSeq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(forwarder.healthy).toBe(true);
    store.close();
  });

  it('reports the drain of an outage backlog: progress lines, then one summary', async () => {
    const store = new FrameStore({ file: ':memory:' });
    const builder = builderOn(store);
    for (let i = 1; i <= 120; i += 1) builder.add(sample(i)); // 12 frames buffered in the outage
    const lines: { msg: string | undefined; obj: Record<string, unknown> }[] = [];
    const record = (obj: object, msg?: string) => lines.push({ msg, obj: obj as never });
    const forwarder = new Forwarder({
      store,
      progressIntervalMs: 0,
      deliver: () => Promise.resolve(),
      logger: { debug: record, info: record, warn: record, error: record },
    });
    forwarder.start();
    await waitFor(() => lines.some((l) => l.msg === 'backlog drained'), 'drain summary');
    await forwarder.stop();
    const progress = lines.filter((l) => l.msg === 'backlog drain progress').map((l) => l.obj);
    expect(progress.map((p) => p['delivered'])).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(progress.every((p) => p['total'] === 12)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ percent: 100, etaSeconds: 0 });
    expect(lines.filter((l) => l.msg === 'backlog drained').map((l) => l.obj)).toEqual([
      expect.objectContaining({ delivered: 12, total: 12 }),
    ]);
    store.close();
  });

  it('sends live frames first and throttles the backlog', async () => {
    const store = new FrameStore({ file: ':memory:' });
    const builder = builderOn(store);
    for (let i = 1; i <= 50; i += 1) builder.add(sample(i, 'old')); // 5 frames stored before start
    const delivered: string[] = [];
    const forwarder = new Forwarder({
      store,
      backlogFramesPerSecond: 10,
      deliver: async (frame) => {
        delivered.push(`${frame.header.source}:${frame.header.frameSeq}`);
        await Promise.resolve();
      },
    });
    forwarder.start();
    await waitFor(() => forwarder.healthy, 'first backlog frame delivered');
    for (let i = 1; i <= 20; i += 1) builder.add(sample(i, 'live')); // 2 live frames
    await waitFor(() => delivered.length === 7, 'everything delivered');
    await forwarder.stop();
    expect(delivered).toEqual(['old:1', 'live:1', 'live:2', 'old:2', 'old:3', 'old:4', 'old:5']);
    expect(store.metrics.count('backlogFramesDelivered')).toBe(5);
    expect(store.metrics.count('liveFramesDelivered')).toBe(2);
    store.close();
  });

  it('raises an alarm near its size bound and counts the frames it must drop', () => {
    const store = new FrameStore({ file: ':memory:', maxBytes: 2_000, nearFullRatio: 0.5 });
    const builder = builderOn(store);
    for (let i = 1; i <= 200; i += 1) builder.add(sample(i));
    expect(store.metrics.count('nearFullAlarms')).toBe(1);
    expect(store.bytes).toBeLessThanOrEqual(2_000);
    expect(store.metrics.count('framesDropped') + store.count()).toBe(20);
    expect(store.metrics.count('framesDropped')).toBeGreaterThan(0);
    store.close();
  });

  it('survives a restart: journaled samples come back and frame numbers continue', () => {
    const file = join(dir, 'buffer.db');
    const first = new FrameStore({ file });
    const builder = builderOn(first);
    for (let i = 1; i <= 25; i += 1) builder.add(sample(i)); // 2 frames sealed, 5 samples open
    builder.close(); // the process dies: nothing flushed
    first.close();

    const second = new FrameStore({ file });
    expect(second.count()).toBe(2);
    const restored = second.journaled();
    expect(restored.map((s) => s.value)).toEqual([21, 22, 23, 24, 25]);
    const again = builderOn(second);
    for (const s of restored) again.add(s, true);
    again.flush();
    const frames = second.frames(0, Number.MAX_SAFE_INTEGER, 10);
    expect(frames.map((f) => f.header.frameSeq)).toEqual([1, 2, 3]);
    expect(samplesOf(frames)).toHaveLength(25);
    expect(second.journaled()).toEqual([]);
    second.close();
  });
});
