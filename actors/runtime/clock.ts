// Time as a port: the runtime asks an injected clock for "now" and for timers, so unit tests
// drive passivation and scheduled messages with a fake clock instead of waiting.
// Must not be used for measuring latency (that is performance.now(), not behaviour).

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `delayMs`; the timer never keeps the process alive. */
  setTimer(delayMs: number, fn: () => void): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, fn) {
    const timer = setTimeout(fn, delayMs);
    timer.unref();
    return {
      cancel: () => {
        clearTimeout(timer);
      },
    };
  },
};

interface FakeTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/** A clock that moves only when told; timers fire in due order during `advance`. */
export class FakeClock implements Clock {
  #now: number;
  #timers: FakeTimer[] = [];
  #nextId = 1;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const timer = { id: this.#nextId++, due: this.#now + Math.max(0, delayMs), fn };
    this.#timers.push(timer);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((t) => t.id !== timer.id);
      },
    };
  }

  /**
   * Moves time forward by `ms`, firing due timers one by one; between two timers the pending
   * promise jobs and I/O callbacks run, so async work a timer started can finish.
   */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      await settle();
      const next = this.#timers
        .filter((t) => t.due <= until)
        .sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (next === undefined) break;
      this.#timers = this.#timers.filter((t) => t.id !== next.id);
      this.#now = Math.max(this.#now, next.due);
      next.fn();
    }
    this.#now = until;
    await settle();
  }
}

/** Lets queued promise jobs and immediates run (a few rounds, for chained awaits). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
