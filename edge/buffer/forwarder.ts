// The forwarding half of store-and-forward: delivers stored frames to the owning actor through
// an injected port and removes each once acknowledged. Live frames go first; the backlog of an
// outage drains in order, throttled; a failed delivery is retried, never skipped. The actor
// accepts a stream's frames in any order (decision 0404), so live frames may overtake the backlog.
import { MillwrightError } from '../../contracts/index.ts';
import { silentLogger, type EdgeLogger } from '../common/index.ts';
import type { EncodedFrame } from '../framing/index.ts';
import { DrainProgress } from './drain-progress.ts';
import type { FrameStore, StoredFrame } from './frame-store.ts';

/** Resolves once the owning actor has committed the frame; rejects when it could not. */
export type DeliverFrame = (frame: EncodedFrame) => Promise<void>;

export interface ForwarderOptions {
  readonly store: FrameStore;
  readonly deliver: DeliverFrame;
  /** Backlog frames per second while live frames keep flowing (0: unthrottled). */
  readonly backlogFramesPerSecond?: number;
  readonly retryMs?: number;
  readonly logger?: EdgeLogger;
  /** At most one 'backlog drain progress' log line per this many ms (default 5 s). */
  readonly progressIntervalMs?: number;
}

export class Forwarder {
  readonly #options: ForwarderOptions;
  readonly #logger: EdgeLogger;
  /** Frames with an id up to here are backlog: stored before start or during an outage. */
  #backlogEnd: number;
  /**
   * False until a delivery succeeds: a forwarder starting (perhaps after a crash, during an
   * outage) first probes with its oldest frame, so what was stored drains in order.
   */
  #healthy = false;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #lastBacklogAt = 0;
  #outageStartedAt = Date.now();
  readonly #progress: DrainProgress;

  constructor(options: ForwarderOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#backlogEnd = options.store.maxId();
    this.#progress = new DrainProgress({
      logger: this.#logger,
      intervalMs: options.progressIntervalMs ?? 5_000,
    });
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#options.store.onSealed = () => {
      this.#wake?.();
    };
    this.#loop = this.#run();
  }

  /** Finishes the delivery in flight, then stops; what is left stays stored. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  get healthy(): boolean {
    return this.#healthy;
  }

  async #run(): Promise<void> {
    const { store } = this.#options;
    while (this.#running) {
      const next = this.#pick();
      if (next === undefined || 'waitMs' in next) {
        await this.#sleep(next?.waitMs ?? 60_000);
        continue;
      }
      // The throttle paces backlog sends from when each was sent, not answered: otherwise the
      // round trip adds to every interval and the drain runs below its configured rate.
      const sentAt = Date.now();
      try {
        await this.#options.deliver(next.frame);
        store.remove(next.frame.id);
        store.metrics.increment('framesDelivered');
        store.metrics.increment(next.backlog ? 'backlogFramesDelivered' : 'liveFramesDelivered');
        if (!this.#healthy) this.#recovered();
        if (next.backlog) {
          this.#lastBacklogAt = sentAt;
          this.#progress.delivered();
        }
      } catch (error) {
        store.metrics.increment('deliveryFailures');
        if (this.#healthy) this.#failed(error);
        await this.#sleep(this.#options.retryMs ?? 1_000);
      }
    }
  }

  #pick(): { frame: StoredFrame; backlog: boolean } | { waitMs: number } | undefined {
    const { store } = this.#options;
    // During an outage the oldest frame probes the link: order is kept, nothing skips ahead.
    if (this.#healthy) {
      const [live] = store.frames(this.#backlogEnd + 1);
      if (live !== undefined) return { frame: live, backlog: false };
    }
    const [old] = store.frames(0, this.#healthy ? this.#backlogEnd : Number.MAX_SAFE_INTEGER);
    if (old === undefined) {
      if (this.#healthy) this.#progress.finished();
      return undefined;
    }
    const rate = this.#options.backlogFramesPerSecond ?? 0;
    const waitMs = rate > 0 && this.#healthy ? this.#lastBacklogAt + 1_000 / rate - Date.now() : 0;
    return waitMs > 0 ? { waitMs } : { frame: old, backlog: true };
  }

  #failed(error: unknown): void {
    this.#healthy = false;
    this.#outageStartedAt = Date.now();
    const failure = new MillwrightError(
      'MW_EDGE_DELIVERY_FAILED',
      'frames cannot reach the owning actor; buffering',
      { buffered: this.#options.store.count() },
      { cause: error },
    );
    this.#logger.warn(
      { code: failure.type, err: (error as Error).message, ...(failure.data as object) },
      failure.message,
    );
  }

  #recovered(): void {
    this.#healthy = true;
    // Everything stored during the outage is backlog; frames sealed from now on are live.
    this.#backlogEnd = this.#options.store.maxId();
    // The probe frame that just went through was the first of the backlog.
    const backlog = this.#options.store.count() + 1;
    this.#logger.info(
      { outageMs: Date.now() - this.#outageStartedAt, backlog },
      'delivery restored; draining backlog',
    );
    this.#progress.begin(backlog);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
