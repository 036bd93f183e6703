// The plant template schema: one file per plant naming its sources (connections), machine
// types written once with parameters, and work centers that instantiate them. It validates
// shape only; cross references (sources, crosswalks, units) are checked in compile-template.ts.
import { z } from 'zod';
import { AreaId, CrosswalkKind, PlantId, WorkCenterId } from '../../contracts/index.ts';
import { checkMqttLink, mqttCredentialFields, OpcuaSecurity } from './link-security.schema.ts';

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, ".", "-", "_"');

export const OpcuaSource = z.strictObject({
  protocol: z.literal('opcua'),
  endpoint: z.string().regex(/^opc\.tcp:\/\/[^\s]+$/, 'an opc.tcp:// URL'),
  /** Absent: SignAndEncrypt with Basic256Sha256 (prefault runs the defaults of the schema). */
  security: OpcuaSecurity.prefault({}),
  publishingIntervalMs: z.int().min(10).max(60_000).default(250),
  /** A subscription silent for longer than this while connected is re-created. */
  watchdogMs: z.int().min(100).max(600_000).default(10_000),
});

const mqttConnection = {
  url: z.string().regex(/^(mqtt|mqtts|tcp|ssl|ws|wss):\/\/[^\s]+$/, 'an mqtt:// or mqtts:// URL'),
  /** MQTT protocol level: 5, or 4 (3.1.1) for brokers without MQTT 5 such as aedes. */
  mqttVersion: z.union([z.literal(4), z.literal(5)]).default(5),
  clientId: z.string().min(1).max(64).optional(),
  ...mqttCredentialFields,
};

export const MqttSource = z
  .strictObject({
    protocol: z.literal('mqtt'),
    ...mqttConnection,
    /** Topic filters to subscribe; by default every topic a signal maps. */
    subscribe: z.array(z.string().min(1)).optional(),
  })
  .superRefine(checkMqttLink);

export const SparkplugSource = z
  .strictObject({
    protocol: z.literal('sparkplug'),
    ...mqttConnection,
    groupId: z.string().regex(/^[^/#+]+$/, 'no "/", "#" or "+" (Sparkplug 3.0 §4.1.1)'),
    /** Primary host id: this host publishes spBv1.0/STATE/<hostId> (Sparkplug 3.0 §7.5). */
    hostId: z.string().regex(/^[^/#+]+$/, 'no "/", "#" or "+"'),
  })
  .superRefine(checkMqttLink);

export const SourceDefinition = z.discriminatedUnion('protocol', [
  OpcuaSource,
  MqttSource,
  SparkplugSource,
]);
export type SourceDefinition = z.infer<typeof SourceDefinition>;

export const OpcuaBinding = z.strictObject({
  source: name,
  nodeId: z.string().min(1),
  samplingIntervalMs: z.int().min(0).max(3_600_000).default(100),
  queueSize: z.int().min(1).max(10_000).default(10),
  deadband: z
    .strictObject({ type: z.enum(['absolute', 'percent']), value: z.number().nonnegative() })
    .optional(),
});
export const MqttBinding = z.strictObject({
  source: name,
  topic: z.string().regex(/^[^#+]+$/, 'a topic without wildcards'),
  /** Dotted path to the value inside a JSON object payload; a bare JSON value needs none. */
  field: z.string().min(1).default('value'),
});
export const SparkplugBinding = z.strictObject({
  source: name,
  edgeNode: z.string().min(1),
  device: z.string().min(1).optional(),
  metric: z.string().min(1),
});
export const SignalBinding = z.union([OpcuaBinding, MqttBinding, SparkplugBinding]);
export type SignalBinding = z.infer<typeof SignalBinding>;

export const SignalKind = z.enum([
  'good-count',
  'scrap-count',
  'machine-state',
  'downtime-reason',
  'process-value',
]);
export type SignalKind = z.infer<typeof SignalKind>;

export const SignalDefinition = z.strictObject({
  kind: SignalKind,
  from: SignalBinding,
  /** Unit the source reports in; counters default to "ea". */
  unit: z.string().min(1).optional(),
  /** Unit carried in frames; defaults to `unit`. Converted with contracts' unit table. */
  canonicalUnit: z.string().min(1).optional(),
  /** Name of a crosswalk: required for machine-state and downtime-reason signals. */
  crosswalk: name.optional(),
  /** Allowed range in the canonical unit; values outside are rejected. */
  range: z.strictObject({ min: z.number(), max: z.number() }).optional(),
});
export type SignalDefinition = z.infer<typeof SignalDefinition>;

export const MachineType = z.strictObject({
  /** Names replaced as `${name}` in every string of the signals of this type. */
  parameters: z.array(name).default([]),
  signals: z.record(name, SignalDefinition),
});

export const WorkCenterDefinition = z.strictObject({
  id: WorkCenterId,
  name: z.string().optional(),
  type: name.optional(),
  with: z.record(name, z.union([z.string(), z.number()])).default({}),
  /** Signals of this work center only, or overriding a signal of its type by name. */
  signals: z.record(name, SignalDefinition).default({}),
});

export const CrosswalkEntries = z.strictObject({
  kind: CrosswalkKind,
  source: z.string().min(1).max(64),
  entries: z.record(z.string(), z.string().min(1).max(64)),
});

export const PlantTemplate = z.strictObject({
  plant: PlantId,
  name: z.string().optional(),
  /** Canonical downtime reason codes; a reason's frame value is its 1-based index here. */
  reasons: z.array(z.string().min(1).max(64)).default([]),
  crosswalks: z.record(name, CrosswalkEntries).default({}),
  sources: z.record(name, SourceDefinition),
  machineTypes: z.record(name, MachineType).default({}),
  areas: z
    .array(
      z.strictObject({
        id: AreaId,
        name: z.string().optional(),
        workCenters: z.array(WorkCenterDefinition).min(1),
      }),
    )
    .min(1),
});
export type PlantTemplate = z.infer<typeof PlantTemplate>;
