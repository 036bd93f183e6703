// The node's aggregation pool: one piscina pool of worker threads that decode frames and run
// the kernel off the main thread. Frames go to workers as transferred ArrayBuffers (a pooled
// Buffer is copied into its own buffer first, never transferred). The queue is bounded: a full
// pool makes `aggregate` wait for room (backpressure) or, with { wait: false }, refuse with
// the retryable MW_TELEMETRY_BUSY. Nothing is dropped. Frames of one WindowStore run in order.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Piscina } from 'piscina';
import type { FrameHeader } from '../frame/frame-types.ts';
import type { StoreOutput, WindowStore } from '../aggregate/window-store.ts';
import { FrameError, PoolError } from '../native-error.ts';
import type { AggregateTask, AggregateTaskResult } from './aggregate.worker.ts';
import { workerEntry } from './worker-entry.ts';

export interface TelemetryPoolOptions {
  /** Worker threads (>= 1); one per spare core is the usual choice. */
  readonly threads: number;
  /** Frames that may wait beyond those running; further submissions wait or are refused. */
  readonly maxQueue: number;
  /** Use the C++ kernel in the workers when it is built (the caller reads MILLWRIGHT_NATIVE). */
  readonly native: boolean;
}

export interface PoolResult extends StoreOutput {
  readonly header: FrameHeader;
  readonly kernel: 'native' | 'reference';
}

function check(options: TelemetryPoolOptions): void {
  const bad = (option: string, why: string) =>
    new PoolError('MW_TELEMETRY_BAD_SPEC', `telemetry pool: ${option} ${why}`, { option });
  if (!Number.isInteger(options.threads) || options.threads < 1)
    throw bad('threads', 'must be an integer >= 1');
  if (!Number.isInteger(options.maxQueue) || options.maxQueue < 0)
    throw bad('maxQueue', 'must be an integer >= 0');
  if (typeof options.native !== 'boolean') throw bad('native', 'must be true or false');
}

/** The frame's bytes in an ArrayBuffer of their own, safe to transfer. */
function ownBuffer(frame: Uint8Array): ArrayBuffer {
  const { buffer } = frame;
  if (
    buffer instanceof ArrayBuffer &&
    frame.byteOffset === 0 &&
    frame.byteLength === buffer.byteLength
  )
    return buffer;
  // Not `frame.slice()`: on a Buffer that is a view into the pool, not a copy.
  const copy = new Uint8Array(frame.byteLength);
  copy.set(frame);
  return copy.buffer;
}

export class TelemetryPool {
  private readonly piscina: Piscina<AggregateTask, AggregateTaskResult>;
  private readonly capacity: number;
  private readonly waiting: (() => void)[] = [];
  private readonly chains = new WeakMap<WindowStore, Promise<unknown>>();
  private inFlight = 0;
  private closed = false;

  constructor(private readonly options: TelemetryPoolOptions) {
    check(options);
    const entry = workerEntry();
    this.piscina = new Piscina({
      filename: entry.filename,
      execArgv: entry.execArgv,
      minThreads: options.threads,
      maxThreads: options.threads,
      // Our own bound below decides; piscina's queue never refuses what we let through.
      maxQueue: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
    });
    this.capacity = options.threads + options.maxQueue;
  }

  /** Frames submitted and not yet finished (running or queued). */
  get pending(): number {
    return this.inFlight;
  }

  /** Callers waiting for room: how hard the edge is being held back. */
  get waiters(): number {
    return this.waiting.length;
  }

  /**
   * Aggregates one frame into `store` and returns what closed. The frame's memory moves to
   * the worker (its ArrayBuffer is detached here) unless it shares a pooled buffer.
   */
  async aggregate(
    frame: Uint8Array,
    store: WindowStore,
    { wait = true } = {},
  ): Promise<PoolResult> {
    await this.reserve(wait);
    const previous = this.chains.get(store) ?? Promise.resolve();
    const run = previous.then(
      () => this.runTask(frame, store),
      () => this.runTask(frame, store),
    );
    this.chains.set(store, run);
    try {
      return await run;
    } finally {
      this.release();
    }
  }

  private async runTask(frame: Uint8Array, store: WindowStore): Promise<PoolResult> {
    const buffer = ownBuffer(frame);
    const task: AggregateTask = {
      frame: buffer,
      spec: store.spec,
      carry: { counters: store.carry.counters.slice(), states: store.carry.states.slice() },
      native: this.options.native,
    };
    const result = await this.piscina.run(task, { transferList: [buffer] });
    if (!result.ok) {
      if (result.code.startsWith('MW_FRAME_'))
        throw new FrameError(result.code as FrameError['code'], result.message, result.data);
      throw new PoolError(result.code as PoolError['code'], result.message, result.data);
    }
    // Results arrive in bursts (one port, many messages); yield so timers and I/O run between
    // the window-store updates instead of after all of them.
    await nextTurn();
    store.carry.counters.set(result.carry.counters);
    store.carry.states.set(result.carry.states);
    return { header: result.header, kernel: result.kernel, ...store.apply(result.table) };
  }

  private async reserve(wait: boolean): Promise<void> {
    for (;;) {
      if (this.closed) throw new PoolError('MW_TELEMETRY_POOL_CLOSED', 'telemetry pool is closed');
      if (this.inFlight < this.capacity) {
        this.inFlight++;
        return;
      }
      if (!wait)
        throw new PoolError('MW_TELEMETRY_BUSY', 'telemetry pool queue is full', {
          pending: this.inFlight,
          capacity: this.capacity,
        });
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  /** Finishes the frames already taken, refuses new ones, then stops the threads. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    await this.piscina.close();
  }
}
