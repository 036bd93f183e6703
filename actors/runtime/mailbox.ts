// A bounded FIFO for one actor: what it owns is order and the capacity limit; what it must
// not do is run anything (the actor cell takes one entry at a time). A full mailbox refuses
// with MW_ACTOR_BUSY so a flood becomes back-pressure, not memory growth.
import { MillwrightError } from '../../contracts/index.ts';

export class Mailbox<T> {
  #items: (T | undefined)[] = [];
  #head = 0;
  readonly capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`mailboxCapacity must be a whole number >= 1, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Throws MW_ACTOR_BUSY (retryable) when full; `force` is for lifecycle entries. */
  push(item: T, key: string, force = false): void {
    if (!force && this.size >= this.capacity) {
      throw new MillwrightError('MW_ACTOR_BUSY', `mailbox of ${key} is full`, {
        key,
        capacity: this.capacity,
      });
    }
    this.#items.push(item);
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head++;
    // Compact once the consumed prefix dominates, keeping shift O(1) amortised.
    if (this.#head > 64 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Empties the mailbox, returning what was queued (to reject it). */
  drain(): T[] {
    const rest = this.#items.slice(this.#head) as T[];
    this.#items = [];
    this.#head = 0;
    return rest;
  }
}
