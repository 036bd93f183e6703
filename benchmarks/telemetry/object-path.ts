// The TypeScript object path: what a straightforward consumer writes over sample objects
// (string keys, a Map per tag and window, Math.log DDSketch keys). The kernels' baseline; the
// same statistics as the reference kernel computes for gauges and counters.
import type { SampleRecord } from '../../native/index.ts';

interface Stats {
  count: number;
  bad: number;
  valid: number;
  min: number;
  max: number;
  mean: number;
  m2: number;
  lastT: number;
  lastV: number;
  delta: number;
  previous: number | undefined;
  bins: Map<number, number>;
}

export function objectPathAggregate(
  samples: readonly SampleRecord[],
  windowMs: number,
  counters: ReadonlySet<number>,
  relativeAccuracy: number,
): Map<string, Stats> {
  const logGamma = Math.log((1 + relativeAccuracy) / (1 - relativeAccuracy));
  const out = new Map<string, Stats>();
  const ordered = [...samples].sort((a, b) => a.t - b.t);
  for (const s of ordered) {
    const key = `${s.tag}:${Math.floor(s.t / windowMs) * windowMs}`;
    let st = out.get(key);
    if (st === undefined) {
      st = {
        count: 0,
        bad: 0,
        valid: 0,
        min: Infinity,
        max: -Infinity,
        mean: 0,
        m2: 0,
        lastT: -Infinity,
        lastV: 0,
        delta: 0,
        previous: undefined,
        bins: new Map(),
      };
      out.set(key, st);
    }
    st.count++;
    if (s.q !== 0 || !Number.isFinite(s.v)) {
      st.bad++;
      continue;
    }
    st.valid++;
    const d = s.v - st.mean;
    st.mean += d / st.valid;
    st.m2 += d * (s.v - st.mean);
    st.min = Math.min(st.min, s.v);
    st.max = Math.max(st.max, s.v);
    if (s.t >= st.lastT) [st.lastT, st.lastV] = [s.t, s.v];
    if (counters.has(s.tag)) {
      if (st.previous !== undefined) st.delta += s.v >= st.previous ? s.v - st.previous : s.v;
      st.previous = s.v;
    } else if (s.v > 0) {
      const k = Math.ceil(Math.log(s.v) / logGamma);
      st.bins.set(k, (st.bins.get(k) ?? 0) + 1);
    }
  }
  return out;
}
