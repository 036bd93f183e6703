// Keeps "deliveries of one work center arrive in sequence order" (contracts/business-lane.ts)
// for a lane that redelivers out of band (JetStream naks with delay). Handlers of one work
// center run one after the other; while an event waits for its delayed retry, later events of
// its work center are put back to come after it. Different work centers run in parallel.

/** Runs tasks of one key strictly one after the other; keys are independent. */
export class KeyedSerializer {
  readonly #tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return next;
  }

  /** Resolves when every task queued so far has finished. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }
}

interface Gate {
  readonly sequence: number;
  readonly until: number;
}

/**
 * Remembers, per work center, the earliest event waiting for a delayed retry. A later event of
 * that work center is delayed until just after it, so redelivery keeps the order.
 */
export class RetryGates {
  readonly #gates = new Map<string, Gate>();
  readonly #spacingMs: number;

  constructor(spacingMs = 100) {
    this.#spacingMs = spacingMs;
  }

  hold(key: string, sequence: number, until: number): void {
    const gate = this.#gates.get(key);
    if (gate === undefined || sequence <= gate.sequence) this.#gates.set(key, { sequence, until });
  }

  release(key: string, sequence: number): void {
    if (this.#gates.get(key)?.sequence === sequence) this.#gates.delete(key);
  }

  /** Delay for an event that must wait behind its work center's gate, or undefined to go. */
  delayFor(key: string, sequence: number, now: number): number | undefined {
    const gate = this.#gates.get(key);
    if (gate === undefined || sequence <= gate.sequence) return undefined;
    return Math.max(gate.until - now, 0) + this.#spacingMs * 2;
  }
}
