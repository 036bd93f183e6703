// Turns the metric registries of the nodes (Moleculer's `metrics.list()` shape) into the few
// figures the dashboard shows: samples/s, edge buffered frames, lane depth, postings and
// failures by MW_* code. Pure: no broker, no clock (the caller passes both samples' times).

/** One metric as Moleculer's registry lists it (histogram values are left out). */
export interface MetricSnapshot {
  readonly name: string;
  readonly type: string;
  readonly values: readonly {
    readonly labels: Readonly<Record<string, unknown>>;
    readonly value?: unknown;
  }[];
}

export interface MetricTotals {
  /** Summed counters of edge samples; null when no node has such a metric. */
  readonly samples: number | null;
  readonly bufferedFrames: number | null;
  readonly laneDepth: number | null;
  readonly postings: number | null;
  readonly duplicatesSuppressed: number | null;
  /** Dead-lettered and retried events by their MW_* reason code. */
  readonly failuresByCode: Record<string, number>;
}

// Names are matched by pattern so the edge and lane metrics of later issues show up without a
// dashboard change (docs/dashboard.md lists the patterns).
const SAMPLES = /(^|\.)samples(\.received)?\.total$/;
const BUFFERED = /(^|\.)(frames\.)?buffered(\.frames)?$/;
const LANE_DEPTH = /(^|\.)lane\..*(depth|lag|pending)$/;
const POSTINGS = 'mw.erp.postings.total';
const DUPLICATES = 'mw.erp.duplicates.suppressed.total';
const FAILURES = ['mw.erp.deadlettered.total', 'mw.erp.retries.total'];

const numeric = (value: unknown): number => (typeof value === 'number' ? value : 0);

function sumWhere(metrics: readonly MetricSnapshot[], match: (name: string) => boolean) {
  let found = false;
  let sum = 0;
  for (const metric of metrics) {
    if (!match(metric.name)) continue;
    found = true;
    for (const v of metric.values) sum += numeric(v.value);
  }
  return found ? sum : null;
}

export function totalsOf(metrics: readonly MetricSnapshot[]): MetricTotals {
  const failuresByCode: Record<string, number> = {};
  for (const metric of metrics) {
    if (!FAILURES.includes(metric.name)) continue;
    for (const v of metric.values) {
      const code = v.labels['code'];
      if (typeof code !== 'string' || code === '') continue;
      failuresByCode[code] = (failuresByCode[code] ?? 0) + numeric(v.value);
    }
  }
  return {
    samples: sumWhere(metrics, (n) => SAMPLES.test(n)),
    bufferedFrames: sumWhere(metrics, (n) => BUFFERED.test(n)),
    laneDepth: sumWhere(metrics, (n) => LANE_DEPTH.test(n)),
    postings: sumWhere(metrics, (n) => n === POSTINGS),
    duplicatesSuppressed: sumWhere(metrics, (n) => n === DUPLICATES),
    failuresByCode,
  };
}

/** Per-second rate of a counter between two samples; null without both or after a reset. */
export function ratePerSecond(
  before: number | null | undefined,
  after: number | null,
  elapsedMs: number,
): number | null {
  if (before === null || before === undefined || after === null || elapsedMs <= 0) return null;
  if (after < before) return null;
  return ((after - before) * 1000) / elapsedMs;
}
