// Sparkplug B payloads (Sparkplug 3.0 §6.4, the Tahu protobuf) through the maintained
// sparkplug-payload package, normalised to plain numbers: protobuf 64-bit values arrive as
// Long objects, and a host works in milliseconds and seq numbers that fit a double.
import * as sparkplugPayload from 'sparkplug-payload';
import type { UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { MillwrightError } from '../../contracts/index.ts';

type Codec = typeof import('sparkplug-payload/lib/sparkplugbpayload.js');
// sparkplug-payload is CommonJS with a `get(namespace)` factory; load it once.
const codec = sparkplugPayload.get('spBv1.0') as Codec;

export interface Metric {
  readonly name: string | undefined;
  readonly alias: number | undefined;
  readonly timestampMs: number | undefined;
  readonly type: string;
  readonly value: unknown;
  readonly isNull: boolean;
}

export interface Payload {
  readonly timestampMs: number | undefined;
  readonly seq: number | undefined;
  readonly metrics: readonly Metric[];
}

interface LongLike {
  toNumber(): number;
}
const isLong = (v: unknown): v is LongLike =>
  typeof v === 'object' && v !== null && typeof (v as Partial<LongLike>).toNumber === 'function';
const num = (v: unknown): number | undefined =>
  v === null || v === undefined ? undefined : isLong(v) ? v.toNumber() : Number(v);

export function decodePayload(bytes: Uint8Array): Payload {
  let raw: UPayload;
  try {
    raw = codec.decodePayload(bytes);
  } catch (cause) {
    throw new MillwrightError(
      'MW_EDGE_PAYLOAD_MALFORMED',
      'payload is not a Sparkplug B protobuf',
      { bytes: bytes.byteLength },
      { cause },
    );
  }
  return {
    timestampMs: num(raw.timestamp),
    seq: num(raw.seq),
    metrics: (raw.metrics ?? []).map((m) => {
      // The package types 64-bit values as Long, whose types it does not ship: treat as unknown.
      const value = m.value as unknown;
      return {
        name: m.name ?? undefined,
        alias: num(m.alias),
        timestampMs: num(m.timestamp),
        type: m.type,
        value: isLong(value) ? value.toNumber() : value,
        isNull: m.isNull === true,
      };
    }),
  };
}

export interface OutgoingMetric {
  readonly name?: string;
  readonly alias?: number;
  readonly type: 'Int32' | 'Int64' | 'UInt64' | 'Double' | 'Boolean' | 'String';
  readonly value: number | boolean | string;
  readonly timestampMs?: number;
}

export function encodePayload(payload: {
  timestampMs: number;
  seq?: number;
  metrics: readonly OutgoingMetric[];
}): Uint8Array {
  return codec.encodePayload({
    timestamp: payload.timestampMs,
    ...(payload.seq === undefined ? {} : { seq: payload.seq }),
    metrics: payload.metrics.map((m) => ({
      ...(m.name === undefined ? {} : { name: m.name }),
      ...(m.alias === undefined ? {} : { alias: m.alias }),
      ...(m.timestampMs === undefined ? {} : { timestamp: m.timestampMs }),
      type: m.type,
      value: m.value,
    })),
  });
}
