// The edge's metric snapshot as Prometheus series (services/edge/edge-metrics.ts): one name per
// figure, labelled with source and protocol, connection state one-hot, rejections by MW_* code.
import { defaultGroups, SERVICE_GROUPS } from '../../../services/runtime/service-groups.ts';
import { edgeSeries } from '../../../services/edge/edge-metrics.ts';
import { loadConfig } from '../../../services/platform/index.ts';

const snapshot = {
  connection: 'reconnecting',
  samples: 120,
  samplesPerSecond: 12.5,
  framesBuffered: 7,
  bufferBytes: 1_400,
  bufferMaxBytes: 4_096,
  bufferNearFull: 0,
  nearFullAlarms: 0,
  framesDropped: 0,
  framesDelivered: 30,
  deliveryFailures: 2,
  reconnects: 3,
  stallsDetected: 1,
  rejected: 3,
  'rejected.MW_EDGE_VALUE_TYPE': 2,
  'rejected.MW_XWALK_UNMAPPED': 1,
};

describe('edge metrics as Prometheus series', () => {
  it('labels every figure with source and protocol, one series per connection state', () => {
    const series = edgeSeries('presses', 'opcua', snapshot);
    const value = (name: string, extra: Record<string, string> = {}) =>
      series.find(
        (s) =>
          s.name === name &&
          Object.entries({ source: 'presses', protocol: 'opcua', ...extra }).every(
            ([k, v]) => s.labels[k] === v,
          ),
      )?.value;
    expect(
      ['connecting', 'connected', 'reconnecting', 'offline'].map((state) =>
        value('mw.edge.connection.state', { state }),
      ),
    ).toEqual([0, 0, 1, 0]);
    expect(value('mw.edge.samples.total')).toBe(120);
    expect(value('mw.edge.samples.per.second')).toBe(12.5);
    expect(value('mw.edge.frames.buffered')).toBe(7);
    expect(value('mw.edge.buffer.bytes')).toBe(1_400);
    expect(value('mw.edge.buffer.max.bytes')).toBe(4_096);
    expect(value('mw.edge.reconnects.total')).toBe(3);
    expect(value('mw.edge.stalls.detected.total')).toBe(1);
    expect(value('mw.edge.rejected.total', { code: 'MW_EDGE_VALUE_TYPE' })).toBe(2);
    expect(value('mw.edge.rejected.total', { code: 'MW_XWALK_UNMAPPED' })).toBe(1);
    // Sparkplug's figure is not invented for an OPC UA source, nor OPC UA's for MQTT.
    expect(series.some((s) => s.name === 'mw.edge.rebirths.requested.total')).toBe(false);
    expect(
      edgeSeries('uns', 'mqtt', {}).some((s) => s.name === 'mw.edge.stalls.detected.total'),
    ).toBe(false);
  });

  it('reports 0 for a figure a source has not counted yet, never a missing series', () => {
    const series = edgeSeries('spb', 'sparkplug', { connection: 'connected' });
    expect(series.find((s) => s.name === 'mw.edge.rebirths.requested.total')?.value).toBe(0);
    expect(series.filter((s) => s.name === 'mw.edge.rejected.total')).toEqual([]);
  });
});

describe('the edge service group', () => {
  it('runs with the other groups only when a plant template is configured', () => {
    expect(SERVICE_GROUPS).toContain('edge');
    expect(defaultGroups(loadConfig({}))).not.toContain('edge');
    expect(defaultGroups(loadConfig({ MILLWRIGHT_PLANT_TEMPLATE: 'plant.yaml' }))).toContain(
      'edge',
    );
  });
});
