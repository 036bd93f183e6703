// Counters of the ERP connector. The connector counts in memory (for `stats` and tests) and
// forwards every increment to a sink: the hosting service binds it to Moleculer's metrics, so
// Prometheus sees e.g. mw_erp_postings_total{type="operation.confirmed.v1"}.
export const ERP_METRICS = {
  posted: { name: 'mw.erp.postings.total', help: 'Events posted to ERP (new documents)' },
  duplicates: {
    name: 'mw.erp.duplicates.suppressed.total',
    help: 'Deliveries of events already posted: ERP was not called again',
  },
  recovered: {
    name: 'mw.erp.readback.recovered.total',
    help: 'Postings with a lost answer found in ERP by read-back (no second document)',
  },
  readBacks: { name: 'mw.erp.readbacks.total', help: 'Read-backs made before a retry' },
  retries: { name: 'mw.erp.retries.total', help: 'Postings put back for a later attempt' },
  deadLettered: { name: 'mw.erp.deadlettered.total', help: 'Events sent to the dead letters' },
  replays: { name: 'mw.erp.replays.total', help: 'Dead letters replayed by an operator' },
  circuitOpened: { name: 'mw.erp.circuit.opened.total', help: 'Times the circuit breaker opened' },
} as const;

export type ErpMetric = keyof typeof ERP_METRICS;

export interface MetricsSink {
  increment(name: string, labels: Readonly<Record<string, string>>): void;
}

export class ConnectorMetrics {
  readonly #counts = new Map<string, number>();
  readonly #sink: MetricsSink | undefined;

  constructor(sink?: MetricsSink) {
    this.#sink = sink;
  }

  increment(metric: ErpMetric, labels: Readonly<Record<string, string>> = {}): void {
    const key = metric;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    this.#sink?.increment(ERP_METRICS[metric].name, labels);
  }

  count(metric: ErpMetric): number {
    return this.#counts.get(metric) ?? 0;
  }

  snapshot(): Record<ErpMetric, number> {
    const all = {} as Record<ErpMetric, number>;
    for (const metric of Object.keys(ERP_METRICS) as ErpMetric[]) all[metric] = this.count(metric);
    return all;
  }
}
