// HDR-style latency histogram in microseconds: exact below 256 µs, then 128 log-linear
// buckets per power of two (relative error under 0.8 %), so p99.9 of millions of samples costs
// a few kilobytes. Own code rather than hdr-histogram-js: this is all the suites need.

/** Sub-buckets per power of two (2^7): sets the precision. */
const SUB_BUCKET_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
/** Largest value kept (2^31 - 1 µs, about 36 minutes); larger ones are clamped and counted. */
const HIGHEST = 2 ** 31 - 1;

function indexOf(value: number): number {
  if (value < 2 * SUB_BUCKETS) return value;
  const shift = 31 - Math.clz32(value) - SUB_BUCKET_BITS;
  return (shift + 1) * SUB_BUCKETS + (value >>> shift) - SUB_BUCKETS;
}

/** Highest value that falls in a bucket (what HDR reports for a percentile). */
function highestIn(index: number): number {
  if (index < 2 * SUB_BUCKETS) return index;
  const shift = Math.floor(index / SUB_BUCKETS) - 1;
  const top = (index % SUB_BUCKETS) + SUB_BUCKETS;
  return (top + 1) * 2 ** shift - 1;
}

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

export class LatencyHistogram {
  #counts: number[] = [];
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = 0;
  #clamped = 0;

  get count(): number {
    return this.#count;
  }

  /** Values above ~36 minutes, recorded as that maximum. */
  get clamped(): number {
    return this.#clamped;
  }

  /** Records one value in microseconds (negative values count as 0). */
  record(micros: number): void {
    let value = Math.max(0, Math.round(micros));
    if (value > HIGHEST) {
      value = HIGHEST;
      this.#clamped += 1;
    }
    const index = indexOf(value);
    while (this.#counts.length <= index) this.#counts.push(0);
    this.#counts[index] = (this.#counts[index] ?? 0) + 1;
    this.#count += 1;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  recordMs(millis: number): void {
    this.record(millis * 1000);
  }

  /** The value (µs) at or below which `percent` % of the recorded values fall. */
  percentile(percent: number): number {
    if (this.#count === 0) return Number.NaN;
    if (percent >= 100) return this.#max;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.#count));
    let seen = 0;
    for (let index = 0; index < this.#counts.length; index += 1) {
      seen += this.#counts[index] ?? 0;
      if (seen >= rank) return Math.min(Math.max(highestIn(index), this.#min), this.#max);
    }
    return this.#max;
  }

  get minMicros(): number {
    return this.#count === 0 ? Number.NaN : this.#min;
  }

  get maxMicros(): number {
    return this.#count === 0 ? Number.NaN : this.#max;
  }

  get meanMicros(): number {
    return this.#count === 0 ? Number.NaN : this.#sum / this.#count;
  }

  /** Adds another histogram's counts to this one (per-worker histograms into one). */
  merge(other: LatencyHistogram): void {
    other.#counts.forEach((n, index) => {
      while (this.#counts.length <= index) this.#counts.push(0);
      this.#counts[index] = (this.#counts[index] ?? 0) + n;
    });
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#clamped += other.#clamped;
    if (other.#count > 0) {
      this.#min = Math.min(this.#min, other.#min);
      this.#max = Math.max(this.#max, other.#max);
    }
  }

  /** The percentiles the tables and charts show, in milliseconds. */
  summary(): LatencySummary {
    const ms = (micros: number) => micros / 1000;
    return {
      count: this.#count,
      meanMs: ms(this.meanMicros),
      p50Ms: ms(this.percentile(50)),
      p90Ms: ms(this.percentile(90)),
      p99Ms: ms(this.percentile(99)),
      p999Ms: ms(this.percentile(99.9)),
      maxMs: ms(this.maxMicros),
    };
  }
}
