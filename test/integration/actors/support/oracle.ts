// The steady input stream of the actor integration tests and its oracle: what every
// work-center state must equal once all inputs are acknowledged. Inputs are deterministic
// (key, round), one source per work center sending in order, scrap every third round.
import type { ServiceBroker } from 'moleculer';
import { tellWorkCenter, type RouteOptions } from '../../../../services/workcenter/routing.ts';

export const PLANT = 'P100';

export function workCenterKeys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${PLANT}/WC-${String(i).padStart(3, '0')}`);
}

export function inputFor(key: string, round: number) {
  const index = Number(key.slice(-3));
  return {
    kind: 'counts.reported' as const,
    source: `edge-${index}`,
    sourceSeq: round,
    good: 1 + ((index + round) % 5),
    scrap: round % 3 === 0 ? 1 + (index % 2) : 0,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 6, 0, round)).toISOString(),
  };
}

export interface Counts {
  good: number;
  scrap: number;
  inputs: number;
}

/** The counts after rounds 1..n of `key`, and the causation ids of its scrap events. */
export function oracle(key: string, rounds: number): Counts & { scrapCauses: string[] } {
  const counts = { good: 0, scrap: 0, inputs: 0, scrapCauses: [] as string[] };
  for (let r = 1; r <= rounds; r++) {
    const i = inputFor(key, r);
    counts.good += i.good;
    counts.scrap += i.scrap;
    counts.inputs++;
    if (i.scrap > 0) counts.scrapCauses.push(`${i.source}:${r}`);
  }
  return counts;
}

/**
 * Sends round after round to every key (one input in flight per key), until stopped. Every
 * 4th input is sent twice, as an edge re-sending after a lost ack would.
 */
export class SteadyStream {
  readonly rounds = new Map<string, number>();
  acked = 0;
  retries = 0;
  readonly errors: unknown[] = [];
  #stopping = false;
  #loops: Promise<void>[] = [];
  readonly #options: RouteOptions;

  constructor(
    readonly broker: ServiceBroker,
    readonly keys: readonly string[],
    options: RouteOptions = {},
  ) {
    this.#options = { deadlineMs: 30_000, onRetry: () => this.retries++, ...options };
  }

  /** Starts (or resumes after `stop`) every key's loop at its next round. */
  start(): void {
    this.#stopping = false;
    this.#loops = this.keys.map((key) => this.#loop(key, (this.rounds.get(key) ?? 0) + 1));
  }

  async #loop(key: string, first: number): Promise<void> {
    try {
      for (let round = first; !this.#stopping; round++) {
        await tellWorkCenter(this.broker, key, inputFor(key, round), this.#options);
        if (round % 4 === 0) {
          await tellWorkCenter(this.broker, key, inputFor(key, round), this.#options);
        }
        this.rounds.set(key, round);
        this.acked++;
      }
    } catch (error) {
      this.errors.push(error);
      this.#stopping = true;
    }
  }

  /** Waits until every key has had `more` rounds acknowledged beyond `since`. */
  async waitForEveryKey(
    since: ReadonlyMap<string, number>,
    more: number,
    timeoutMs = 60_000,
  ): Promise<void> {
    const until = Date.now() + timeoutMs;
    const behind = () =>
      this.keys.filter((k) => (this.rounds.get(k) ?? 0) < (since.get(k) ?? 0) + more);
    while (behind().length > 0) {
      if (this.errors.length > 0) throw this.errors[0];
      if (Date.now() > until) throw new Error(`keys behind: ${behind().slice(0, 10).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async waitForAcked(target: number, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.acked < target) {
      if (this.errors.length > 0) throw this.errors[0];
      if (Date.now() > until)
        throw new Error(`stream reached ${this.acked} acks, wanted ${target}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Lets each key finish its round in hand; throws the first failure of any loop. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(this.#loops);
    if (this.errors.length > 0) throw this.errors[0];
  }
}

/** Embedded mode: feed `rounds` rounds to every key through the local broker, in order. */
export async function embeddedFeed(
  broker: ServiceBroker,
  keys: readonly string[],
  rounds: number,
  onAck: (key: string, round: number) => void,
): Promise<void> {
  await Promise.all(
    keys.map(async (key) => {
      for (let round = 1; round <= rounds; round++) {
        await tellWorkCenter(broker, key, inputFor(key, round));
        onAck(key, round);
      }
    }),
  );
}
