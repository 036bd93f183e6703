// The Millwright side of the peer job, without its transports: UNS JSON counter messages are
// batched into a columnar frame per work center (as the edge seals them), each frame decoded
// and aggregated per window by the kernel into the work center's WindowStore (as the actor
// does), and every window that closes becomes a confirmation. No MQTT, no HTTP here.
import {
  decodeFrame,
  encodeFrame,
  loadKernel,
  WindowStore,
  type Kernel,
  type SampleColumns,
} from '../../native/index.ts';

export interface Confirmation {
  readonly workCenter: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly good: number;
  readonly scrap: number;
}

const GOOD = 0;
const SCRAP = 1;

/** Samples of one work center since its last frame, in growable columns. */
class OpenColumns {
  size = 0;
  timestamps = new Float64Array(64);
  tags = new Uint32Array(64);
  values = new Float64Array(64);

  push(t: number, tag: number, value: number): void {
    if (this.size === this.timestamps.length) this.grow();
    this.timestamps[this.size] = t;
    this.tags[this.size] = tag;
    this.values[this.size] = value;
    this.size++;
  }

  /** Views of the filled part; the frame encoder copies them into the frame. */
  view(quality: Uint8Array): SampleColumns {
    return {
      timestampsMs: this.timestamps.subarray(0, this.size),
      tags: this.tags.subarray(0, this.size),
      values: this.values.subarray(0, this.size),
      quality: quality.subarray(0, this.size),
    };
  }

  private grow(): void {
    const n = this.timestamps.length * 2;
    const timestamps = new Float64Array(n);
    const tags = new Uint32Array(n);
    const values = new Float64Array(n);
    timestamps.set(this.timestamps);
    tags.set(this.tags);
    values.set(this.values);
    [this.timestamps, this.tags, this.values] = [timestamps, tags, values];
  }
}

interface WorkCenter {
  /** `<area>/<WC>` as the topic names it, and as confirmations carry it. */
  readonly name: string;
  /** The frame header's work-center code (letters, digits, `_`, `-`). */
  readonly code: string;
  readonly open: OpenColumns;
  readonly store: WindowStore;
  frameSeq: number;
}

export interface ConfirmationJobOptions {
  readonly windowMs: number;
  /** Use the C++ kernel when it is built (else the TypeScript reference). */
  readonly native: boolean;
}

export class ConfirmationJob {
  readonly counters = { messages: 0, rejected: 0, samples: 0, frames: 0, confirmations: 0 };
  readonly kernel: { readonly aggregate: Kernel; readonly native: boolean };
  readonly #windowMs: number;
  readonly #workCenters = new Map<string, WorkCenter>();
  readonly #pending = new Set<WorkCenter>();
  #quality = new Uint8Array(1024); // all good: the UNS counters carry no quality

  constructor(options: ConfirmationJobOptions) {
    this.#windowMs = options.windowMs;
    this.kernel = loadKernel({ native: options.native });
  }

  /** One MQTT message on `<root>/<area>/<WC>/counters`; false when it could not be read. */
  add(topic: string, payload: Uint8Array): boolean {
    this.counters.messages++;
    const end = topic.lastIndexOf('/');
    const wcStart = topic.lastIndexOf('/', end - 1);
    const areaStart = topic.lastIndexOf('/', wcStart - 1);
    let sample: { timestamp?: unknown; good?: unknown; scrap?: unknown };
    try {
      sample = JSON.parse(Buffer.from(payload).toString('utf8')) as typeof sample;
    } catch {
      this.counters.rejected++;
      return false;
    }
    const { timestamp: t, good, scrap } = sample;
    if (typeof t !== 'number' || typeof good !== 'number' || typeof scrap !== 'number') {
      this.counters.rejected++;
      return false;
    }
    const wc = this.#workCenter(topic.slice(areaStart + 1, end));
    wc.open.push(t, GOOD, good);
    wc.open.push(t, SCRAP, scrap);
    this.#pending.add(wc);
    this.counters.samples++;
    return true;
  }

  /** Seals a frame per work center with samples, aggregates it, returns what closed. */
  seal(): Confirmation[] {
    const out: Confirmation[] = [];
    for (const wc of this.#pending) {
      if (this.#quality.length < wc.open.size) this.#quality = new Uint8Array(wc.open.size * 2);
      const frame = encodeFrame(
        {
          plant: 'P100',
          workCenter: wc.code,
          source: 'uns',
          frameSeq: ++wc.frameSeq,
          sealedAt: new Date().toISOString(),
        },
        wc.open.view(this.#quality),
      );
      wc.open.size = 0;
      this.counters.frames++;
      const { columns } = decodeFrame(frame);
      const { closed } = wc.store.apply(
        this.kernel.aggregate(columns, wc.store.spec, wc.store.carry),
      );
      for (const window of closed) {
        const delta = (tag: number) => window.tags.find((t) => t.tag === tag)?.counter?.delta ?? 0;
        out.push({
          workCenter: wc.name,
          windowStart: window.windowStartMs,
          windowEnd: window.windowEndMs,
          good: delta(GOOD),
          scrap: delta(SCRAP),
        });
      }
    }
    this.#pending.clear();
    this.counters.confirmations += out.length;
    return out;
  }

  #workCenter(name: string): WorkCenter {
    let wc = this.#workCenters.get(name);
    if (wc === undefined) {
      wc = {
        name,
        code: name.replace('/', '_'),
        open: new OpenColumns(),
        // Zero lateness: a window closes when a sample of a later one arrives, as in the flow.
        store: new WindowStore({
          windowMs: this.#windowMs,
          allowedLatenessMs: 0,
          gapMs: 3_600_000,
          relativeAccuracy: 0.01,
          counters: [{ tag: GOOD }, { tag: SCRAP }],
          states: [],
        }),
        frameSeq: 0,
      };
      this.#workCenters.set(name, wc);
    }
    return wc;
  }
}
