// Seeds a kernel carry from a frame's carried base readings (native/frame/carried-base.ts), so
// the frame's first counter and state samples are measured from what the stream read before
// instead of becoming a new zero point. Pure; reads columns, writes only the carry.
import type { CompiledSpec, KernelCarry, KernelColumns } from './kernel-spec.ts';

export type SeedMode =
  /** A fresh carry per frame: the base is the start (frames aggregated independently). */
  | 'replace'
  /** A carry that follows frames in order: the base fills only tags with no reading yet. */
  | 'fill';

function seedPairs(
  tags: Uint32Array,
  pairs: Float64Array,
  base: KernelColumns,
  i: number,
  mode: SeedMode,
): void {
  const slot = tags.indexOf(base.tags[i] ?? 0);
  if (slot < 0) return;
  const t = base.timestampsMs[i] ?? Number.NaN;
  const v = base.values[i] ?? Number.NaN;
  // Only a good, finite reading can be a base (the kernel's own carry rule).
  if (!Number.isFinite(t) || !Number.isFinite(v) || (base.quality[i] ?? 0) !== 0) return;
  if (mode === 'fill' && !Number.isNaN(pairs[slot * 2] ?? Number.NaN)) return;
  pairs[slot * 2] = t;
  pairs[slot * 2 + 1] = v;
}

/** Writes each carried base reading of a counter or state tag of `spec` into `carry`. */
export function seedCarry(
  spec: CompiledSpec,
  carry: KernelCarry,
  base: KernelColumns,
  mode: SeedMode,
): void {
  for (let i = 0; i < base.tags.length; i++) {
    seedPairs(spec.counterTags, carry.counters, base, i, mode);
    seedPairs(spec.stateTags, carry.states, base, i, mode);
  }
}
