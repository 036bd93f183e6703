// Batches canonical samples per stream (work center, source) into columnar frames (native/frame
// codec) and seals them when a batch is full or old enough. Each frame opens with the stream's
// carried base readings, so it can be aggregated on its own (decision 0404). Frame numbers come
// from the outlet, dense per stream; it owns no storage.
import { FRAME_FORMAT_VERSION, TelemetryFrameHeader } from '../../contracts/index.ts';
import { encodeFrame, QUALITY_CARRIED_BASE } from '../../native/index.ts';
import { noCarriedTags, type CarriedTags } from './carried-tags.ts';
import type { CanonicalSample, FrameOutlet, SampleColumns } from './sample-columns.ts';
import { StreamBases, streamKey } from './stream-bases.ts';

export interface FrameBuilderOptions {
  readonly plant: string;
  readonly outlet: FrameOutlet;
  /** Counter and state tags per work center (carriedTagsOf(model)); none by default. */
  readonly carriedTags?: CarriedTags;
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
  readonly #options: Required<Omit<FrameBuilderOptions, 'carriedTags'>>;
  readonly #bases: StreamBases;
  readonly #batches = new Map<string, Batch>();
  #framesSealed = 0;
  #samplesSealed = 0;

  constructor(options: FrameBuilderOptions) {
    const { carriedTags = noCarriedTags, ...rest } = options;
    this.#options = { maxSamples: 1_000, maxAgeMs: 100, now: Date.now, ...rest };
    // Bases the last process sealed: a restart (even a kill -9) continues every stream.
    this.#bases = new StreamBases(carriedTags, options.outlet.bases?.());
  }

  get framesSealed(): number {
    return this.#framesSealed;
  }

  /** Samples sealed into frames, carried base readings not included. */
  get samplesSealed(): number {
    return this.#samplesSealed;
  }

  /** Adds a sample, journaling it first unless it is being restored from the journal. */
  add(sample: CanonicalSample, restoring = false): void {
    if (!restoring) this.#options.outlet.journal?.(sample);
    const key = streamKey(sample.workCenter, sample.source);
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
    const { samples, workCenter, source } = batch;
    if (samples.length === 0) return;
    const base = this.#bases.of(workCenter, source);
    const columns = columnsOf(base.length + samples.length);
    base.forEach((b, i) => {
      put(columns, i, b.timestampMs, b.tag, b.value, QUALITY_CARRIED_BASE);
    });
    samples.forEach((s, i) => {
      put(columns, base.length + i, s.timestampMs, s.tag, s.value, s.quality);
    });
    const { outlet, plant, now } = this.#options;
    const frameSeq = outlet.nextSeq(workCenter, source);
    const header = TelemetryFrameHeader.parse({
      version: FRAME_FORMAT_VERSION,
      plant,
      workCenter,
      source,
      frameSeq,
      sampleCount: columns.tags.length,
      encoding: 'columnar',
      sealedAt: new Date(now()).toISOString(),
      correlationId: `${plant}/${workCenter}/${source}/${frameSeq}`.slice(0, 128),
    });
    const { correlationId, ...required } = header;
    const bytes = encodeFrame(
      correlationId === undefined ? required : { ...required, correlationId },
      columns,
    );
    const changed = this.#bases.changedBy(samples);
    outlet.seal({ header, bytes }, changed);
    // Only once the frame is stored: a failed seal leaves the bases of the last stored frame.
    this.#bases.commit(changed);
    this.#framesSealed += 1;
    this.#samplesSealed += samples.length;
  }
}

function columnsOf(count: number): SampleColumns {
  return {
    timestampsMs: new Float64Array(count),
    tags: new Uint32Array(count),
    values: new Float64Array(count),
    quality: new Uint8Array(count),
  };
}

function put(c: SampleColumns, i: number, t: number, tag: number, v: number, q: number): void {
  c.timestampsMs[i] = t;
  c.tags[i] = tag;
  c.values[i] = v;
  c.quality[i] = q;
}
