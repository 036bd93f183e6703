// Pure mapping of OPC UA monitored-item values to canonical samples, table-driven from the
// plant model: which node ids to monitor with which parameters (OPC UA Part 4 §7.16
// MonitoringParameters), and how a DataValue becomes a sample (source timestamp, status code).
import { MillwrightError } from '../../contracts/index.ts';
import { Quality, type CanonicalSample } from '../framing/index.ts';
import { signalValue, type CompiledSignal, type PlantModel } from '../template/index.ts';

export interface MonitoredSignal {
  readonly signal: CompiledSignal;
  readonly nodeId: string;
  readonly samplingIntervalMs: number;
  readonly queueSize: number;
  readonly deadband: { readonly type: 'absolute' | 'percent'; readonly value: number } | undefined;
}

/** The value part of an OPC UA DataValue the mapping needs. */
export interface SourceValue {
  readonly value: unknown;
  /** OPC UA StatusCode value; 0 is Good, the top two bits say Good/Uncertain/Bad (Part 4 §7.39). */
  readonly statusCode: number;
  readonly statusName: string;
  readonly sourceTimestampMs: number | undefined;
  readonly serverTimestampMs: number | undefined;
}

export function monitoredSignals(model: PlantModel, source: string): MonitoredSignal[] {
  return model.signals.flatMap((signal) => {
    const b = signal.binding;
    if (signal.source !== source || !('nodeId' in b)) return [];
    return [
      {
        signal,
        nodeId: b.nodeId,
        samplingIntervalMs: b.samplingIntervalMs,
        queueSize: b.queueSize,
        deadband: b.deadband,
      },
    ];
  });
}

const SEVERITY_MASK = 0xc0000000;
const UNCERTAIN = 0x40000000;

/** The sample of one notification; throws MW_EDGE_* for a bad status or a bad value. */
export function mapSourceValue(
  item: MonitoredSignal,
  dv: SourceValue,
  receivedAtMs: number,
  table: PlantModel['units'],
): CanonicalSample {
  const severity = (dv.statusCode & SEVERITY_MASK) >>> 0;
  if (severity !== 0 && severity !== UNCERTAIN) {
    throw new MillwrightError('MW_EDGE_OPCUA_BAD_STATUS', `${item.nodeId}: ${dv.statusName}`, {
      nodeId: item.nodeId,
      statusCode: dv.statusCode,
      status: dv.statusName,
    });
  }
  const raw = typeof dv.value === 'bigint' ? Number(dv.value) : dv.value;
  return {
    workCenter: item.signal.workCenter,
    source: item.signal.source,
    tag: item.signal.tag,
    timestampMs: dv.sourceTimestampMs ?? dv.serverTimestampMs ?? receivedAtMs,
    value: signalValue(item.signal.rule, raw, table),
    quality: severity === 0 ? Quality.good : Quality.uncertain,
  };
}
