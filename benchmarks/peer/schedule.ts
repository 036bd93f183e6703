// The input both sides of the peer comparison get, and the oracle computed from it: a seeded
// schedule of JSON counter samples (good, scrap) per work center, and the confirmations a
// correct job posts for it. Pure: the publisher process and the suite build the same schedule
// from the same options, so nothing but the options crosses the process boundary.

export interface ScheduleOptions {
  readonly seed: number;
  /** Names the batch: work centers are `<area>/WC-nn`, so every batch starts from no state. */
  readonly area: string;
  readonly workCenters: number;
  /** Counter samples before the closing ones (one per work center is added after them). */
  readonly samples: number;
  /** Event-time spacing: consecutive samples (all work centers together) are 1000/rateHz apart. */
  readonly rateHz: number;
  /** Epoch ms of the first sample. */
  readonly startMs: number;
  readonly windowMs: number;
}

export interface ScheduledSample {
  /** When to publish, ms after startMs: the sample's timestamp is startMs + offsetMs. */
  readonly offsetMs: number;
  readonly workCenter: string;
  readonly timestamp: number;
  readonly good: number;
  readonly scrap: number;
}

export interface ExpectedPosting {
  readonly workCenter: string;
  readonly windowStart: number;
  readonly good: number;
  readonly scrap: number;
  /** Timestamp (= scheduled publish time) of the sample that closes the window. */
  readonly closedBy: number;
}

/** mulberry32: a small seeded generator, so a schedule is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const windowOf = (t: number, windowMs: number): number =>
  Math.floor(t / windowMs) * windowMs;

export const postingKey = (workCenter: string, windowStart: number): string =>
  `${workCenter}@${windowStart}`;

export const workCenterName = (area: string, index: number): string =>
  `${area}/WC-${String(index).padStart(3, '0')}`;

/**
 * Samples round robin over the work centers (a new seeded order every cycle), counters rising
 * by 0-3 good and now and then 1 scrap; then one sample per work center at the start of the
 * window after its last, unchanged, which closes that last window on either side.
 */
export function buildSchedule(options: ScheduleOptions): ScheduledSample[] {
  const next = random(options.seed);
  const count = options.workCenters;
  const good = new Array<number>(count).fill(0);
  const scrap = new Array<number>(count).fill(0);
  const lastT = new Array<number>(count).fill(Number.NaN);
  const order = Array.from({ length: count }, (_, i) => i);
  const interval = 1000 / options.rateHz;
  const out: ScheduledSample[] = [];
  for (let i = 0; i < options.samples; i++) {
    if (i % count === 0) {
      for (let k = count - 1; k > 0; k--) {
        const j = Math.floor(next() * (k + 1));
        [order[k], order[j]] = [order[j] ?? 0, order[k] ?? 0];
      }
    }
    const wc = order[i % count] ?? 0;
    good[wc] = (good[wc] ?? 0) + Math.floor(next() * 4);
    if (next() < 0.05) scrap[wc] = (scrap[wc] ?? 0) + 1;
    const offsetMs = i * interval;
    lastT[wc] = options.startMs + offsetMs;
    out.push({
      offsetMs,
      workCenter: workCenterName(options.area, wc),
      timestamp: options.startMs + offsetMs,
      good: good[wc] ?? 0,
      scrap: scrap[wc] ?? 0,
    });
  }
  const closing: ScheduledSample[] = [];
  for (let wc = 0; wc < count; wc++) {
    const t = lastT[wc] ?? Number.NaN;
    if (Number.isNaN(t)) continue;
    const timestamp = windowOf(t, options.windowMs) + options.windowMs;
    closing.push({
      offsetMs: timestamp - options.startMs,
      workCenter: workCenterName(options.area, wc),
      timestamp,
      good: good[wc] ?? 0,
      scrap: scrap[wc] ?? 0,
    });
  }
  // Stable: at equal offsets the counter samples stay ahead of the closing ones.
  return [...out, ...closing].sort((a, b) => a.offsetMs - b.offsetMs);
}

/**
 * What a correct job posts: per work center and window of event time, the counter increments
 * (each step from one sample to the next is the later sample's window's, the first sample of
 * a work center has none), posted when the first sample of a later window arrives.
 */
export function oracle(
  schedule: readonly ScheduledSample[],
  windowMs: number,
): Map<string, ExpectedPosting> {
  const open = new Map<string, { windowStart: number; good: number; scrap: number }>();
  const last = new Map<string, ScheduledSample>();
  const expected = new Map<string, ExpectedPosting>();
  for (const sample of schedule) {
    const windowStart = windowOf(sample.timestamp, windowMs);
    const current = open.get(sample.workCenter);
    if (current !== undefined && windowStart > current.windowStart) {
      const key = postingKey(sample.workCenter, current.windowStart);
      expected.set(key, { workCenter: sample.workCenter, ...current, closedBy: sample.timestamp });
    }
    const window =
      current === undefined || windowStart > current.windowStart
        ? { windowStart, good: 0, scrap: 0 }
        : current;
    const previous = last.get(sample.workCenter);
    if (previous !== undefined) {
      window.good += sample.good - previous.good;
      window.scrap += sample.scrap - previous.scrap;
    }
    open.set(sample.workCenter, window);
    last.set(sample.workCenter, sample);
  }
  return expected;
}

/** The MQTT payload of a sample: plain UNS JSON, the timestamp in epoch ms. */
export function payloadOf(sample: ScheduledSample): string {
  return `{"timestamp":${sample.timestamp},"good":${sample.good},"scrap":${sample.scrap}}`;
}

/** `<root>/<area>/<WC-nnn>/counters`: the work center is the two levels before `counters`. */
export function topicOf(root: string, sample: ScheduledSample): string {
  return `${root}/${sample.workCenter}/counters`;
}
