// Load on work-center actors from a driver broker: `counts.reported` tells (one good piece
// each, numbered per work center so none is a duplicate) through workcenter.host, never two in
// flight for one work center (a second waits for the first, as a source's inputs do), closed
// loop or driven by the caller, and the check that each actor's count is what was sent (after
// a move too). It starts no node.
import type { ServiceBroker } from 'moleculer';
import { tellWorkCenter, type TellResult } from '../../services/workcenter/routing.ts';

export interface Counts {
  readonly good: number;
  readonly scrap: number;
}

/** `count` work-center keys of plant P100 (`P100/<prefix>-<i>`). */
export function workCenterKeys(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `P100/${prefix}-${i}`);
}

export class TellLoad {
  readonly keys: readonly string[];
  readonly #driver: ServiceBroker;
  readonly #source: string;
  /** Good pieces each actor has committed, as the driver counted its replies. */
  readonly #sent = new Map<string, number>();
  /** Keys whose last tell failed: its outcome is unknown until the next, so not verified. */
  readonly #unsure = new Set<string>();
  /** The tell in flight per work center; the next one waits for it. */
  readonly #inFlight = new Map<string, Promise<unknown>>();
  failed = 0;
  duplicates = 0;

  constructor(driver: ServiceBroker, keys: readonly string[], source = 'bench-load') {
    this.#driver = driver;
    this.keys = keys;
    this.#source = source;
  }

  /** One good piece to `key`; resolves when its owner committed it, undefined if it failed. */
  tell(key: string): Promise<TellResult | undefined> {
    const previous = this.#inFlight.get(key);
    const next = previous === undefined ? this.#send(key) : previous.then(() => this.#send(key));
    this.#inFlight.set(key, next);
    void next.then(() => {
      if (this.#inFlight.get(key) === next) this.#inFlight.delete(key);
    });
    return next;
  }

  async #send(key: string): Promise<TellResult | undefined> {
    const seq = (this.#sent.get(key) ?? 0) + 1;
    try {
      const result = await tellWorkCenter(this.#driver, key, {
        kind: 'counts.reported',
        source: this.#source,
        sourceSeq: seq,
        good: 1,
        scrap: 0,
        occurredAt: new Date().toISOString(),
      });
      this.#sent.set(key, seq);
      // A re-sent number after a failure tells whether the failed one was committed.
      this.#unsure.delete(key);
      if ((result.reply as { duplicate?: boolean } | undefined)?.duplicate === true) {
        this.duplicates += 1;
      }
      return result;
    } catch {
      this.failed += 1;
      this.#unsure.add(key);
      return undefined;
    }
  }

  ask(key: string): Promise<Counts> {
    return tellWorkCenter(this.#driver, key, { kind: 'counts.requested' }).then(
      (result) => result.reply as Counts,
    );
  }

  /**
   * Closed loop: caller `w` of `inFlight` tells the keys `w, w + inFlight, ...` in turn (so no
   * tell waits for another) until `durationMs` passed, or once over `keys`
   * when `durationMs` is undefined. Resolves with the tells completed.
   */
  async run(inFlight: number, durationMs?: number, keys = this.keys): Promise<number> {
    const callers = Math.min(inFlight, keys.length);
    const until = durationMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + durationMs;
    let done = 0;
    const caller = async (own: readonly string[]) => {
      for (let i = 0; Date.now() < until; i++) {
        if (durationMs === undefined && i >= own.length) return;
        const key = own[i % own.length];
        if (key === undefined) return;
        if ((await this.tell(key)) !== undefined) done += 1;
      }
    };
    await Promise.all(
      Array.from({ length: callers }, (_, w) => caller(keys.filter((_, i) => i % callers === w))),
    );
    return done;
  }

  /** Asks each key for its counts (inFlight at a time); returns how many differ from what was sent. */
  async verify(keys: readonly string[], inFlight: number): Promise<number> {
    let wrong = 0;
    let next = 0;
    const caller = async () => {
      while (next < keys.length) {
        const key = keys[next];
        next += 1;
        if (key === undefined || this.#unsure.has(key)) continue;
        const counts = await this.ask(key);
        if (counts.good !== (this.#sent.get(key) ?? 0)) wrong += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, keys.length) }, caller));
    return wrong;
  }
}
