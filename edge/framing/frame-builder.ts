// Batches canonical samples per (work center, source) into columnar frames and seals them when
// a batch is full or old enough. It numbers frames per source through its outlet and encodes
// through an injected FrameEncoder: it owns no codec and no storage.
import { FRAME_FORMAT_VERSION, TelemetryFrameHeader } from '../../contracts/index.ts';
import type {
  CanonicalSample,
  FrameEncoder,
  FrameOutlet,
  SampleColumns,
} from './sample-columns.ts';

export interface FrameBuilderOptions {
  readonly plant: string;
  readonly encoder: FrameEncoder;
  readonly outlet: FrameOutlet;
  /** A batch is sealed when it holds this many samples. */
  readonly maxSamples?: number;
  /** ...or when its first sample waited this long. */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

interface Batch {
  readonly workCenter: string;
  readonly source: string;
  readonly samples: CanonicalSample[];
  timer: NodeJS.Timeout | undefined;
}

export class FrameBuilder {
  readonly #options: Required<FrameBuilderOptions>;
  readonly #batches = new Map<string, Batch>();
  #framesSealed = 0;
  #samplesSealed = 0;

  constructor(options: FrameBuilderOptions) {
    this.#options = { maxSamples: 1_000, maxAgeMs: 100, now: Date.now, ...options };
  }

  get framesSealed(): number {
    return this.#framesSealed;
  }

  get samplesSealed(): number {
    return this.#samplesSealed;
  }

  /** Adds a sample, journaling it first unless it is being restored from the journal. */
  add(sample: CanonicalSample, restoring = false): void {
    if (!restoring) this.#options.outlet.journal?.(sample);
    const key = `${sample.workCenter}\u0000${sample.source}`;
    let batch = this.#batches.get(key);
    if (batch === undefined) {
      batch = {
        workCenter: sample.workCenter,
        source: sample.source,
        samples: [],
        timer: undefined,
      };
      this.#batches.set(key, batch);
    }
    batch.samples.push(sample);
    if (batch.samples.length >= this.#options.maxSamples) {
      this.#seal(key, batch);
    } else if (batch.timer === undefined) {
      const open = batch;
      batch.timer = setTimeout(() => {
        this.#seal(key, open);
      }, this.#options.maxAgeMs);
    }
  }

  /** Seals every open batch now (before stop, and in tests). */
  flush(): void {
    for (const [key, batch] of [...this.#batches]) this.#seal(key, batch);
  }

  /** Stops the timers without sealing: journaled samples are restored on the next start. */
  close(): void {
    for (const batch of this.#batches.values()) clearTimeout(batch.timer);
    this.#batches.clear();
  }

  #seal(key: string, batch: Batch): void {
    clearTimeout(batch.timer);
    this.#batches.delete(key);
    const { samples } = batch;
    if (samples.length === 0) return;
    const columns: SampleColumns = {
      timestampsMs: new Float64Array(samples.length),
      tags: new Uint32Array(samples.length),
      values: new Float64Array(samples.length),
      quality: new Uint8Array(samples.length),
    };
    samples.forEach((s, i) => {
      columns.timestampsMs[i] = s.timestampMs;
      columns.tags[i] = s.tag;
      columns.values[i] = s.value;
      columns.quality[i] = s.quality;
    });
    const { outlet, plant, encoder, now } = this.#options;
    const frameSeq = outlet.nextSeq(batch.source);
    const header = TelemetryFrameHeader.parse({
      version: FRAME_FORMAT_VERSION,
      plant,
      workCenter: batch.workCenter,
      source: batch.source,
      frameSeq,
      sampleCount: samples.length,
      encoding: 'columnar',
      sealedAt: new Date(now()).toISOString(),
      correlationId: `${plant}/${batch.workCenter}/${batch.source}/${frameSeq}`.slice(0, 128),
    });
    outlet.seal({ header, bytes: encoder(header, columns) });
    this.#framesSealed += 1;
    this.#samplesSealed += samples.length;
  }
}
