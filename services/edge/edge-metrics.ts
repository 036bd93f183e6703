// The edge.* services' Prometheus metrics: each running source's metric snapshot (edge/runtime)
// turned into `mw.edge.*` series labelled with source and protocol (and state or MW_* code),
// set on Moleculer's registry every second. docs/edge.md lists them; the dashboard's name
// patterns pick up `mw.edge.samples.total` and `mw.edge.frames.buffered`.
import type { ServiceBroker } from 'moleculer';
import type { EdgeSource } from '../../edge/runtime/index.ts';

export interface EdgeSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface MetricSpec {
  readonly type: 'counter' | 'gauge';
  readonly description: string;
  readonly extraLabel?: 'state' | 'code';
  /** The snapshot key; absent for the derived series (connection state, rejected by code). */
  readonly key?: string;
  /** Protocols the series applies to; all when absent. */
  readonly protocols?: readonly EdgeSource['protocol'][];
}

/** States an adapter's `connection` gauge takes; one series each, 1 for the current one. */
export const CONNECTION_STATES = ['connecting', 'connected', 'reconnecting', 'offline'] as const;

export const EDGE_METRICS: Readonly<Record<string, MetricSpec>> = {
  'mw.edge.connection.state': {
    type: 'gauge',
    description: 'Connection state of a source: 1 for its current state, 0 for the others',
    extraLabel: 'state',
  },
  'mw.edge.samples.total': { type: 'counter', key: 'samples', description: 'Samples mapped' },
  'mw.edge.samples.per.second': {
    type: 'gauge',
    key: 'samplesPerSecond',
    description: 'Samples mapped in the last full second',
  },
  'mw.edge.frames.buffered': {
    type: 'gauge',
    key: 'framesBuffered',
    description: 'Frames in the store-and-forward buffer, not yet acknowledged by their actor',
  },
  'mw.edge.buffer.bytes': {
    type: 'gauge',
    key: 'bufferBytes',
    description: 'Bytes of the buffered frames',
  },
  'mw.edge.buffer.max.bytes': {
    type: 'gauge',
    key: 'bufferMaxBytes',
    description: 'Bound of the buffer; beyond it the oldest frames are dropped',
  },
  'mw.edge.buffer.near.full': {
    type: 'gauge',
    key: 'bufferNearFull',
    description:
      'Alarm: 1 while the buffer holds 80% of its bound or more (MW_EDGE_BUFFER_NEAR_FULL)',
  },
  'mw.edge.buffer.near.full.alarms.total': {
    type: 'counter',
    key: 'nearFullAlarms',
    description: 'Times the buffer crossed 80% of its bound',
  },
  'mw.edge.frames.dropped.total': {
    type: 'counter',
    key: 'framesDropped',
    description: 'Oldest frames dropped at the buffer bound (MW_EDGE_BUFFER_FULL): data lost',
  },
  'mw.edge.frames.delivered.total': {
    type: 'counter',
    key: 'framesDelivered',
    description: 'Frames acknowledged by their actor',
  },
  'mw.edge.delivery.failures.total': {
    type: 'counter',
    key: 'deliveryFailures',
    description: 'Failed deliveries to the owning actor (retried)',
  },
  'mw.edge.reconnects.total': {
    type: 'counter',
    key: 'reconnects',
    description: 'Reconnections to the source',
  },
  'mw.edge.stalls.detected.total': {
    type: 'counter',
    key: 'stallsDetected',
    description: 'Silent OPC UA subscriptions detected and re-created',
    protocols: ['opcua'],
  },
  'mw.edge.rebirths.requested.total': {
    type: 'counter',
    key: 'rebirthsRequested',
    description: 'Sparkplug rebirth requests sent (NCMD Node Control/Rebirth)',
    protocols: ['sparkplug'],
  },
  'mw.edge.rejected.total': {
    type: 'counter',
    description: 'Input rejected and quarantined, by MW_EDGE_* (or MW_XWALK_*) code',
    extraLabel: 'code',
  },
};

const REJECTED = 'rejected.';

/** The series of one source's snapshot; pure, so the naming is tested without a broker. */
export function edgeSeries(
  source: string,
  protocol: EdgeSource['protocol'],
  snapshot: Readonly<Record<string, number | string>>,
): EdgeSeries[] {
  const labels = { source, protocol };
  const series: EdgeSeries[] = [];
  const state = snapshot['connection'];
  for (const s of CONNECTION_STATES)
    series.push({
      name: 'mw.edge.connection.state',
      labels: { ...labels, state: s },
      value: state === s ? 1 : 0,
    });
  for (const [name, spec] of Object.entries(EDGE_METRICS)) {
    if (spec.key === undefined) continue;
    if (spec.protocols !== undefined && !spec.protocols.includes(protocol)) continue;
    const value = snapshot[spec.key];
    series.push({ name, labels, value: typeof value === 'number' ? value : 0 });
  }
  for (const [key, value] of Object.entries(snapshot)) {
    if (!key.startsWith(REJECTED) || typeof value !== 'number') continue;
    series.push({
      name: 'mw.edge.rejected.total',
      labels: { ...labels, code: key.slice(REJECTED.length) },
      value,
    });
  }
  return series;
}

/** Registers the metrics once per broker (the three edge services share them). */
function register(broker: ServiceBroker): void {
  for (const [name, spec] of Object.entries(EDGE_METRICS)) {
    if (broker.metrics.hasMetric(name)) continue;
    broker.metrics.register({
      type: spec.type,
      name,
      description: spec.description,
      labelNames: [
        'source',
        'protocol',
        ...(spec.extraLabel === undefined ? [] : [spec.extraLabel]),
      ],
    });
  }
}

/** Sets the series of the given sources now and every `intervalMs`; returns the stopper. */
export function exportEdgeMetrics(
  broker: ServiceBroker,
  sources: ReadonlyMap<string, EdgeSource>,
  intervalMs = 1_000,
): () => void {
  if (!broker.isMetricsEnabled()) return () => undefined;
  register(broker);
  const update = () => {
    for (const [id, source] of sources)
      for (const s of edgeSeries(id, source.protocol, source.metrics()))
        broker.metrics.set(s.name, s.value, s.labels);
  };
  update();
  const timer = setInterval(update, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
