// The last sealed good reading of every counter and state tag, per stream (work center,
// source): what the frame builder puts at the head of the stream's next frame (decision 0404).
// Follows the kernel's carry rule: a good, finite reading not older than the one it replaces.
import type { BaseReading, CanonicalSample } from './sample-columns.ts';
import type { CarriedTags } from './carried-tags.ts';

export const streamKey = (workCenter: string, source: string): string =>
  `${workCenter}\u0000${source}`;

export class StreamBases {
  readonly #carried: CarriedTags;
  readonly #streams = new Map<string, Map<number, BaseReading>>();

  constructor(carried: CarriedTags, restored: readonly BaseReading[] = []) {
    this.#carried = carried;
    this.commit(restored);
  }

  /** The stream's base readings, in tag order (a frame's leading samples). */
  of(workCenter: string, source: string): BaseReading[] {
    const stream = this.#streams.get(streamKey(workCenter, source));
    return stream === undefined ? [] : [...stream.values()].sort((a, b) => a.tag - b.tag);
  }

  /** The readings `samples` would make the new bases of their stream (not applied yet). */
  changedBy(samples: readonly CanonicalSample[]): BaseReading[] {
    const changed = new Map<string, BaseReading>();
    for (const s of samples) {
      if (!this.#carried(s.workCenter).has(s.tag)) continue;
      if (s.quality !== 0 || !Number.isFinite(s.value) || !Number.isFinite(s.timestampMs)) continue;
      const key = `${streamKey(s.workCenter, s.source)}\u0000${s.tag}`;
      const before =
        changed.get(key) ?? this.#streams.get(streamKey(s.workCenter, s.source))?.get(s.tag);
      // The kernel skips a reading older than its carry: so does the base.
      if (before !== undefined && s.timestampMs < before.timestampMs) continue;
      const { workCenter, source, tag, timestampMs, value } = s;
      changed.set(key, { workCenter, source, tag, timestampMs, value });
    }
    return [...changed.values()];
  }

  /** Applies readings once the frame that carries them is stored. */
  commit(readings: readonly BaseReading[]): void {
    for (const r of readings) {
      const key = streamKey(r.workCenter, r.source);
      let stream = this.#streams.get(key);
      if (stream === undefined) {
        stream = new Map<number, BaseReading>();
        this.#streams.set(key, stream);
      }
      stream.set(r.tag, r);
    }
  }
}
