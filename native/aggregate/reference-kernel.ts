// The TypeScript reference kernel: the definition of what a frame aggregates to. The C++ addon
// (native/aggregate/addon/kernel.cc) mirrors this file step by step and must produce the same
// tables (test/unit/native/kernel-equivalence.spec.ts). Reads columns; allocates per row only.
import { MIN_INDEXABLE, sketchKey } from './ddsketch.ts';
import type { Kernel } from './kernel-spec.ts';
import { emitTable, Row } from './reference-rows.ts';

const GAUGE = 0;
const COUNTER = 1;
const STATE = 2;

interface TagSlot {
  readonly tag: number;
  readonly kind: number;
  /** Index into spec.counterTags / spec.stateTags (carry position). */
  readonly index: number;
  readonly windows: Map<number, Row>;
  /** Sample indices of counter and state tags, replayed in time order. */
  readonly samples: number[];
  lastWindow: number;
  lastRow: Row | undefined;
}

export const referenceKernel: Kernel = (columns, spec, carry) => {
  const { timestampsMs: ts, tags, values, quality } = columns;
  if (tags.length !== ts.length || values.length !== ts.length || quality.length !== ts.length)
    throw new RangeError('sample columns differ in length');
  const { windowMs, originMs } = spec;
  const slots = new Map<number, TagSlot>();
  const kinds = new Map<number, [number, number]>();
  spec.counterTags.forEach((tag, i) => kinds.set(tag, [COUNTER, i]));
  spec.stateTags.forEach((tag, i) => kinds.set(tag, [STATE, i]));
  let invalidTimestamps = 0;
  let minT = Number.POSITIVE_INFINITY;
  let maxT = Number.NEGATIVE_INFINITY;

  const rowOf = (slot: TagSlot, windowStart: number): Row => {
    if (slot.lastRow !== undefined && slot.lastWindow === windowStart) return slot.lastRow;
    let row = slot.windows.get(windowStart);
    if (row === undefined) {
      row = new Row(slot.tag, windowStart, slot.kind);
      slot.windows.set(windowStart, row);
    }
    slot.lastWindow = windowStart;
    slot.lastRow = row;
    return row;
  };
  const windowOf = (t: number) => originMs + Math.floor((t - originMs) / windowMs) * windowMs;

  // Pass 1, arrival order: gauges are aggregated at once, counters and states are collected.
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] ?? Number.NaN;
    if (!Number.isFinite(t)) {
      invalidTimestamps++;
      continue;
    }
    if (t < minT) minT = t;
    if (t > maxT) maxT = t;
    const tag = tags[i] ?? 0;
    let slot = slots.get(tag);
    if (slot === undefined) {
      const [kind, index] = kinds.get(tag) ?? [GAUGE, -1];
      slot = {
        tag,
        kind,
        index,
        windows: new Map(),
        samples: [],
        lastWindow: 0,
        lastRow: undefined,
      };
      slots.set(tag, slot);
    }
    if (slot.kind !== GAUGE) {
      slot.samples.push(i);
      continue;
    }
    const row = rowOf(slot, windowOf(t));
    const v = values[i] ?? Number.NaN;
    if (row.add(t, v, quality[i] ?? 0)) {
      if (Math.abs(v) < MIN_INDEXABLE) row.zeroCount++;
      else
        row.addToSketch(
          v > 0 ? row.positive : row.negative,
          sketchKey(Math.abs(v), spec.sketchMultiplier),
        );
    }
  }

  // Pass 2: counters and states in time order (stable: equal times keep arrival order).
  for (const slot of slots.values()) {
    if (slot.kind === GAUGE) continue;
    const order = slot.samples;
    if (!isSorted(order, ts)) order.sort((a, b) => (ts[a] ?? 0) - (ts[b] ?? 0) || a - b);
    const pair = slot.kind === COUNTER ? carry.counters : carry.states;
    const at = slot.index * 2;
    for (const i of order) {
      const t = ts[i] ?? 0;
      const v = values[i] ?? Number.NaN;
      const row = rowOf(slot, windowOf(t));
      if (!row.add(t, v, quality[i] ?? 0)) continue;
      const lastT = pair[at] ?? Number.NaN;
      const lastV = pair[at + 1] ?? Number.NaN;
      if (t < lastT) {
        // Older than a sample already applied: a counter's later reading already holds its
        // increments; a state change cannot be inserted retroactively (docs/frames.md).
        row.reordered++;
        continue;
      }
      if (slot.kind === COUNTER && !Number.isNaN(lastT)) {
        counterStep(row, lastV, v, spec.counterModulus[slot.index] ?? 0);
      } else if (slot.kind === STATE && !Number.isNaN(lastT) && t - lastT <= spec.maxIntervalMs) {
        attributeState(slot, lastV, lastT, t, windowMs, windowOf, rowOf);
      }
      pair[at] = t;
      pair[at + 1] = v;
    }
  }
  return emitTable(slots.values(), {
    invalidTimestamps,
    minTimestampMs: minT,
    maxTimestampMs: maxT,
  });
};

function isSorted(order: readonly number[], ts: Float64Array): boolean {
  for (let k = 1; k < order.length; k++)
    if ((ts[order[k] ?? 0] ?? 0) < (ts[order[k - 1] ?? 0] ?? 0)) return false;
  return true;
}

/** Increment of a monotonic counter from `previous` to `current`, rollover or reset aware. */
function counterStep(row: Row, previous: number, current: number, modulus: number) {
  if (current >= previous) row.delta += current - previous;
  else if (modulus > 0 && previous - current > modulus / 2) {
    // Wrapped past the register size (e.g. 65535 -> 3 on a 16-bit counter).
    row.delta += current + modulus - previous;
    row.rollovers++;
  } else {
    // Dropped without wrapping: the counter was reset and has counted `current` since.
    row.delta += current;
    row.resets++;
  }
}

/** The machine was in `code` from `from` to `to`: split the time over the windows it spans. */
function attributeState(
  slot: TagSlot,
  code: number,
  from: number,
  to: number,
  windowMs: number,
  windowOf: (t: number) => number,
  rowOf: (slot: TagSlot, windowStart: number) => Row,
) {
  for (let w = windowOf(from); w < to; w += windowMs) {
    const end = Math.min(w + windowMs, to);
    const start = Math.max(w, from);
    if (end > start) rowOf(slot, w).addDuration(code, end - start);
  }
}
