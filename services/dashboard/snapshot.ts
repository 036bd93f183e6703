// Builds what the page shows from one collection: the sections as collected plus the metrics
// summary, rates against the previous collection and a short history for the charts. Keeps
// that history and the latest OEE per work center; knows nothing of HTTP or Moleculer.
import type { Collected, Section } from './collect.ts';
import { ratePerSecond, totalsOf, type MetricTotals } from './metrics-summary.ts';

/** Points kept for the charts (at the default 2 s poll: two minutes). */
export const HISTORY_POINTS = 60;

export interface RatePoint {
  readonly at: number;
  readonly postingsPerSecond: number;
}

export interface MetricsView {
  readonly nodesReporting: number;
  readonly samplesPerSecond: number | null;
  readonly bufferedFrames: number | null;
  readonly laneDepth: number | null;
  readonly postings: number | null;
  readonly postingsPerSecond: number | null;
  readonly duplicatesSuppressed: number | null;
  readonly failuresByCode: Record<string, number>;
  readonly history: RatePoint[];
}

export interface OeeRow {
  readonly plant: string;
  readonly workCenter: string;
  readonly date: string;
  readonly shift: string;
  readonly availability: number;
  readonly effectiveness: number;
  readonly qualityRatio: number;
  readonly oee: number;
}

export interface DashboardSnapshot {
  readonly at: string;
  readonly gatewayNode: string;
  readonly nodes: Collected['nodes'];
  readonly actors: Collected['actors'];
  readonly erp: Collected['erp'];
  readonly metrics: MetricsView;
  readonly oee: Section<{ rows: OeeRow[] }>;
}

const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);

export class SnapshotBuilder {
  readonly #history: RatePoint[] = [];
  readonly #oee = new Map<string, OeeRow>();
  #previous: { at: number; totals: MetricTotals } | undefined;

  /** Keeps the newest OEE of each work center (from `oee.updated` or `analytics.oee`). */
  recordOee(value: unknown): void {
    const row = value as Partial<OeeRow> | null;
    if (typeof row?.plant !== 'string' || typeof row.workCenter !== 'string') return;
    if (typeof row.oee !== 'number') return;
    this.#oee.set(`${row.plant}/${row.workCenter}`, row as OeeRow);
  }

  oeeKeys(): OeeRow[] {
    return [...this.#oee.values()];
  }

  build(collected: Collected, gatewayNode: string, at: number): DashboardSnapshot {
    const fromMetrics = totalsOf(collected.metrics);
    // The connector's own counters exist even with metrics off: prefer them for postings.
    const stats = collected.erp.available ? collected.erp.stats : undefined;
    const totals: MetricTotals = {
      ...fromMetrics,
      postings: number(stats?.['posted']) ?? fromMetrics.postings,
      duplicatesSuppressed: number(stats?.['duplicates']) ?? fromMetrics.duplicatesSuppressed,
    };
    const elapsed = this.#previous === undefined ? 0 : at - this.#previous.at;
    const rate = (pick: (t: MetricTotals) => number | null) =>
      ratePerSecond(this.#previous && pick(this.#previous.totals), pick(totals), elapsed);
    const postingsPerSecond = rate((t) => t.postings);
    if (postingsPerSecond !== null) {
      this.#history.push({ at, postingsPerSecond });
      if (this.#history.length > HISTORY_POINTS) this.#history.shift();
    }
    this.#previous = { at, totals };
    return {
      at: new Date(at).toISOString(),
      gatewayNode,
      nodes: collected.nodes,
      actors: collected.actors,
      erp: collected.erp,
      metrics: {
        nodesReporting: collected.metricsNodes,
        samplesPerSecond: rate((t) => t.samples),
        bufferedFrames: totals.bufferedFrames,
        laneDepth: totals.laneDepth,
        postings: totals.postings,
        postingsPerSecond,
        duplicatesSuppressed: totals.duplicatesSuppressed,
        failuresByCode: totals.failuresByCode,
        history: [...this.#history],
      },
      oee: collected.oeeAvailable
        ? {
            available: true,
            rows: this.oeeKeys().sort((a, b) => a.workCenter.localeCompare(b.workCenter)),
          }
        : { available: false, reason: 'not available on this node: no node runs analytics.oee' },
    };
  }
}
