// Progress of one backlog drain, for the people watching the edge's log after an outage: how
// many of the frames buffered during the outage have reached their actors, at what rate, and
// roughly how long the rest will take. Counts and logs only; it never decides what to send.
import type { EdgeLogger } from '../common/index.ts';

export interface DrainProgressOptions {
  readonly logger: EdgeLogger;
  /** At most one progress line per this many ms (0: a line per frame, for tests). */
  readonly intervalMs: number;
  readonly now?: () => number;
}

export class DrainProgress {
  readonly #options: DrainProgressOptions;
  readonly #now: () => number;
  #total = 0;
  #delivered = 0;
  #startedAt = 0;
  #loggedAt = 0;
  #active = false;

  constructor(options: DrainProgressOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get active(): boolean {
    return this.#active;
  }

  /** A drain of `frames` buffered frames begins (delivery was just restored). */
  begin(frames: number): void {
    this.#total = frames;
    this.#delivered = 0;
    this.#startedAt = this.#now();
    this.#loggedAt = this.#startedAt;
    this.#active = frames > 0;
  }

  /** One backlog frame reached its actor. */
  delivered(): void {
    if (!this.#active) return;
    this.#delivered += 1;
    const now = this.#now();
    if (now - this.#loggedAt < this.#options.intervalMs) return;
    this.#loggedAt = now;
    const seconds = Math.max((now - this.#startedAt) / 1_000, 1e-3);
    const perSecond = this.#delivered / seconds;
    // Frames dropped at the buffer bound or sealed late can make the estimate overshoot.
    const remaining = Math.max(this.#total - this.#delivered, 0);
    this.#options.logger.info(
      {
        delivered: this.#delivered,
        total: this.#total,
        percent: Math.min(100, Math.round((this.#delivered / this.#total) * 100)),
        framesPerSecond: Math.round(perSecond * 10) / 10,
        etaSeconds: Math.round(remaining / perSecond),
      },
      'backlog drain progress',
    );
  }

  /** No backlog frame is left: logs the summary once. */
  finished(): void {
    if (!this.#active) return;
    this.#active = false;
    this.#options.logger.info(
      { delivered: this.#delivered, total: this.#total, drainMs: this.#now() - this.#startedAt },
      'backlog drained',
    );
  }
}
