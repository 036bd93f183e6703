// Live traffic of the drain suite: one frame per work center per second, the work centers
// taking turns on a fixed schedule (open loop: a late frame is late from its scheduled time, so
// a stall behind the backlog shows in the percentiles). Each live frame's latency runs from
// its scheduled seal to the actor's acknowledgement; a frame is known by its work center and
// seal time, which the edge writes into its header. It sends nothing itself: DrainEdge does.
import { LatencyHistogram } from '../lib/index.ts';
import type { DrainEdge } from './drain-edge.ts';

export class LiveFrames {
  readonly histogram = new LatencyHistogram();
  sealed = 0;
  delivered = 0;
  /** Live frames sealed before this moment (performance.now()) are not recorded. */
  recordFrom = 0;
  /** ...nor those sealed after it. */
  recordUntil = Number.POSITIVE_INFINITY;
  readonly #edge: DrainEdge;
  /** Scheduled seal times (performance.now()) of live frames not yet acknowledged. */
  readonly #pending = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #running = false;

  constructor(edge: DrainEdge) {
    this.#edge = edge;
  }

  /** Called for each delivered frame; false when it is not a live frame of this generator. */
  acknowledged(workCenter: string, sealedAt: string): boolean {
    const key = `${workCenter}|${sealedAt}`;
    const scheduled = this.#pending.get(key);
    if (scheduled === undefined) return false;
    this.#pending.delete(key);
    this.delivered += 1;
    if (scheduled >= this.recordFrom && scheduled <= this.recordUntil) {
      this.histogram.recordMs(performance.now() - scheduled);
    }
    return true;
  }

  get outstanding(): number {
    return this.#pending.size;
  }

  start(): void {
    const { workCenters } = this.#edge.options;
    const intervalMs = 1_000 / workCenters.length;
    const startedAt = performance.now();
    const wallAt = Date.now() - startedAt;
    let next = 0;
    this.#running = true;
    const pump = () => {
      if (!this.#running) return;
      const now = performance.now();
      while (startedAt + next * intervalMs <= now) {
        const scheduled = startedAt + next * intervalMs;
        const workCenter = workCenters[next % workCenters.length] ?? '';
        next += 1;
        const sealedAt = wallAt + scheduled;
        this.#pending.set(`${workCenter}|${new Date(sealedAt).toISOString()}`, scheduled);
        this.#edge.addFrame(workCenter, sealedAt, false);
        this.sealed += 1;
      }
      const wait = startedAt + next * intervalMs - performance.now();
      this.#timer = setTimeout(pump, Math.max(0, Math.floor(wait)));
    };
    pump();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
  }
}
