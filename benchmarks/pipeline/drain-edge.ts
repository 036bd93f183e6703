// The edge side of the drain suite, built from edge/buffer and edge/framing as a real edge is:
// a FrameBuilder sealing work-center samples into a FrameStore, drained by a Forwarder whose
// deliver port calls workcenter.host.ingestFrame, through a link the suite can take down. It
// makes samples (a good counter, a scrap counter, the machine state, process values) at a set
// rate, in simulated time for an outage's backlog and in real time for live traffic.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceBroker } from 'moleculer';
import { Forwarder, FrameStore } from '../../edge/buffer/index.ts';
import { FrameBuilder, type EncodedFrame } from '../../edge/framing/index.ts';

/** Tags in the plant template's order: good, scrap, state, then process values. */
const TAGS = 10;
const GOOD = 0;
const SCRAP = 1;
const STATE = 2;
/** 1-based index of "running" in the edge's machine states (edge/template). */
const RUNNING = 1;
const CARRIED: ReadonlySet<number> = new Set([GOOD, SCRAP, STATE]);

export interface EdgeOptions {
  readonly workCenters: readonly string[];
  readonly samplesPerFrame: number;
  /** Forwarder throttle for the backlog (frames/s); 0 for none. */
  readonly backlogFramesPerSecond: number;
}

export interface Delivery {
  readonly frame: EncodedFrame;
  /** What workcenter.host.ingestFrame answered. */
  readonly result: { readonly accepted?: boolean; readonly good?: number };
}

export class DrainEdge {
  readonly store: FrameStore;
  readonly forwarder: Forwarder;
  readonly options: EdgeOptions;
  /** While true, every delivery fails as if the cluster could not be reached. */
  linkDown = false;
  /** Called after each successful delivery, in delivery order. */
  onDelivered: (delivery: Delivery) => void = () => undefined;
  /** Good pieces the counters advanced by, per work center (what the actors should count). */
  readonly goodMade = new Map<string, number>();
  readonly #builder: FrameBuilder;
  readonly #dir: string;
  readonly #counters = new Map<string, { good: number; scrap: number }>();
  #sealedAt = Date.now();

  constructor(driver: ServiceBroker, options: EdgeOptions) {
    this.options = options;
    this.#dir = mkdtempSync(join(tmpdir(), 'mw-bench-drain-'));
    this.store = new FrameStore({ file: join(this.#dir, 'frames.db') });
    this.#builder = new FrameBuilder({
      plant: 'P100',
      outlet: this.store,
      // Counters and the machine state carry their base reading in every frame (decision 0404).
      carriedTags: () => CARRIED,
      maxSamples: options.samplesPerFrame,
      // Frames are sealed by count (whole frames are added at once), never by a timer.
      maxAgeMs: 3_600_000,
      now: () => this.#sealedAt,
    });
    this.forwarder = new Forwarder({
      store: this.store,
      backlogFramesPerSecond: options.backlogFramesPerSecond,
      retryMs: 100,
      deliver: async (frame) => {
        if (this.linkDown) throw new Error('cluster unreachable (simulated outage)');
        const result = await driver.call<Delivery['result'], object>(
          'workcenter.host.ingestFrame',
          { header: frame.header, bytes: frame.bytes },
        );
        this.onDelivered({ frame, result });
      },
    });
  }

  /**
   * One frame of `workCenter` (sealed by the builder when its last sample makes it full): its
   * samples spread over the second before `endMs`, sealed as if at `endMs`. `backlog` frames skip the per-sample journal: its cost belongs to the
   * outage they simulate, not to the drain being measured.
   */
  addFrame(workCenter: string, endMs: number, backlog: boolean): void {
    const counters = this.#counters.get(workCenter) ?? { good: 0, scrap: 0 };
    this.#counters.set(workCenter, counters);
    const n = this.options.samplesPerFrame;
    const first = counters.good;
    this.#sealedAt = endMs;
    for (let i = 0; i < n; i++) {
      const tag = i % TAGS;
      let value = 50 + 10 * Math.sin((endMs + i) / 5_000);
      if (tag === GOOD) value = counters.good += 1;
      else if (tag === SCRAP) value = counters.scrap;
      else if (tag === STATE) value = RUNNING;
      this.#builder.add(
        {
          workCenter,
          source: 'edge-1',
          tag,
          timestampMs: endMs - 1_000 + (i * 1_000) / n,
          value,
          quality: 0,
        },
        backlog,
      );
    }
    // The first reading of a counter is its baseline: the actor counts from it onwards.
    const made = this.goodMade.get(workCenter);
    this.goodMade.set(workCenter, (made ?? -1) + counters.good - first);
  }

  start(): void {
    this.forwarder.start();
  }

  async stop(): Promise<void> {
    await this.forwarder.stop();
    this.store.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
