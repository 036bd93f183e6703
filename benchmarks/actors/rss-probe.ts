// Child process of the actors benchmark: activates N work-center actors in a fresh process
// (so earlier suites' garbage does not blur the figure) and prints memory before and after
// as one JSON line. Run with --expose-gc.
import { performance } from 'node:perf_hooks';
import { ActorRuntime, MemoryActorStore, workCenterKind } from '../../actors/index.ts';

const count = Number(process.argv[2] ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
gc();
const before = process.memoryUsage();
const runtime = new ActorRuntime({
  kind: workCenterKind,
  store: new MemoryActorStore(),
  idleMs: 3_600_000,
});
const started = performance.now();
for (let i = 0; i < count; i += 500) {
  await Promise.all(
    Array.from({ length: Math.min(500, count - i) }, (_, j) =>
      runtime.ask(`P100/WC-${i + j}`, {
        kind: 'counts.reported',
        source: `edge-${i + j}` as never,
        sourceSeq: 1,
        good: 1,
        scrap: 0,
        occurredAt: '2026-01-01T06:00:00.000Z',
      }),
    ),
  );
}
const activationMs = performance.now() - started;
gc();
const after = process.memoryUsage();
console.log(
  JSON.stringify({ active: runtime.size, before, after, activationMs, gcExposed: gc.name !== '' }),
);
