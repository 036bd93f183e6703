// DDSketch key mapping (Masson, Rim, Lee: "DDSketch: A Fast and Fully-Mergeable Quantile
// Sketch with Relative-Error Guarantees", VLDB 2019). Uses the linearly interpolated log2 of
// the paper's fast variant (as in Datadog's sketches-*): exponent + mantissa - 1, read from the
// IEEE 754 bits, so the C++ kernel computes bit-identical keys without calling log().

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer); // little-endian: [low, high]

/** Smallest normal double; smaller magnitudes go to the zero bucket. */
export const MIN_INDEXABLE = 2.2250738585072014e-308;

/** gamma = (1 + a) / (1 - a); bins of width ln(gamma) in ln-space give relative error a. */
export function sketchMultiplier(relativeAccuracy: number): number {
  const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
  // The interpolated log2 grows at least as fast as ln (slope m in [1, 2) per unit of ln x),
  // so 1/ln(gamma) keys per unit keeps every bin within ratio gamma.
  return 1 / Math.log(gamma);
}

/** log2 approximation: e + (m - 1) for x = m * 2^e, m in [1, 2). x must be normal and > 0. */
export function log2Approx(x: number): number {
  bits[0] = x;
  const high = words[1] ?? 0;
  const low = words[0] ?? 0;
  const exponent = ((high >>> 20) & 0x7ff) - 1023;
  const fraction = ((high & 0xfffff) * 4294967296 + low) / 4503599627370496; // 2^52
  return exponent + fraction;
}

/** Inverse of log2Approx. */
export function exp2Approx(a: number): number {
  const exponent = Math.floor(a);
  return (1 + (a - exponent)) * 2 ** exponent;
}

/** Key of |x| (x normal): ceil(log2Approx(|x|) * multiplier). */
export function sketchKey(magnitude: number, multiplier: number): number {
  return Math.ceil(log2Approx(magnitude) * multiplier);
}

/** Representative value of a key: the point of the bin with relative error <= a both ways. */
export function keyValue(key: number, multiplier: number): number {
  const lower = exp2Approx((key - 1) / multiplier);
  const upper = exp2Approx(key / multiplier);
  return (2 * lower * upper) / (lower + upper);
}

/** A merged sketch: bins per signed key plus the zero bucket. */
export interface Sketch {
  readonly positive: Map<number, number>;
  readonly negative: Map<number, number>;
  zeroCount: number;
}

export function emptySketch(): Sketch {
  return { positive: new Map(), negative: new Map(), zeroCount: 0 };
}

export function addBin(bins: Map<number, number>, key: number, count: number): void {
  bins.set(key, (bins.get(key) ?? 0) + count);
}

export function mergeSketch(into: Sketch, from: Sketch): void {
  for (const [key, count] of from.positive) addBin(into.positive, key, count);
  for (const [key, count] of from.negative) addBin(into.negative, key, count);
  into.zeroCount += from.zeroCount;
}

/**
 * Quantiles qs (each in [0, 1], ascending) by the lower rank rule of the paper's Algorithm 2;
 * NaN when the sketch is empty. Walks the bins once in value order and maps only the chosen
 * keys back to values.
 */
export function sketchQuantiles(
  sketch: Sketch,
  qs: readonly number[],
  multiplier: number,
): number[] {
  let total = sketch.zeroCount;
  for (const count of sketch.negative.values()) total += count;
  for (const count of sketch.positive.values()) total += count;
  if (total === 0) return qs.map(() => Number.NaN);
  // Ascending values: negative bins by descending key, the zero bucket, positive bins by key.
  const negative = Float64Array.from(sketch.negative.keys()).sort().reverse();
  const positive = Float64Array.from(sketch.positive.keys()).sort();
  const out: number[] = [];
  let seen = 0;
  const take = (count: number, value: number) => {
    seen += count;
    while (out.length < qs.length && seen > (qs[out.length] ?? 0) * (total - 1)) out.push(value);
  };
  for (const key of negative) take(sketch.negative.get(key) ?? 0, -keyValue(key, multiplier));
  if (sketch.zeroCount > 0) take(sketch.zeroCount, 0);
  for (const key of positive) {
    if (out.length === qs.length) break;
    take(sketch.positive.get(key) ?? 0, keyValue(key, multiplier));
  }
  return out;
}

export function sketchQuantile(sketch: Sketch, q: number, multiplier: number): number {
  return sketchQuantiles(sketch, [q], multiplier)[0] ?? Number.NaN;
}
