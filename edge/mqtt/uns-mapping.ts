// Pure mapping of Unified Namespace messages (plain JSON on topics such as
// acme/p100/assembly/WC-ASSY-1/good) to canonical samples, table-driven from the plant model.
// A message maps whole or not at all, so a rejected message can be replayed as it was.
import { MillwrightError } from '../../contracts/index.ts';
import { Quality, type CanonicalSample } from '../framing/index.ts';
import { signalValue, type CompiledSignal, type PlantModel } from '../template/index.ts';

type Bound = CompiledSignal & {
  readonly binding: { readonly topic: string; readonly field: string };
};

function fieldOf(payload: unknown, path: string): unknown {
  let node: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function timestampOf(payload: unknown, receivedAtMs: number, signal: string): number {
  if (typeof payload !== 'object' || payload === null) return receivedAtMs;
  const record = payload as Record<string, unknown>;
  const raw = record['timestamp'] ?? record['ts'];
  if (raw === undefined) return receivedAtMs;
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms)) {
    throw new MillwrightError(
      'MW_EDGE_VALUE_TYPE',
      `signal ${signal}: timestamp ${JSON.stringify(raw)} is not epoch ms or ISO 8601`,
      {
        signal,
        expected: 'epoch milliseconds or an ISO 8601 string',
      },
    );
  }
  return ms;
}

export class UnsMapping {
  readonly source: string;
  readonly #byTopic = new Map<string, Bound[]>();

  constructor(model: PlantModel, source: string) {
    this.source = source;
    for (const signal of model.signals) {
      if (signal.source !== source || !('topic' in signal.binding)) continue;
      const list = this.#byTopic.get(signal.binding.topic) ?? [];
      list.push(signal as Bound);
      this.#byTopic.set(signal.binding.topic, list);
    }
  }

  /** Every topic a signal maps. */
  topics(): string[] {
    return [...this.#byTopic.keys()];
  }

  /** The samples of one message; throws MW_EDGE_* / MW_XWALK_* / MW_UOM_* when it is bad. */
  map(
    topic: string,
    payload: Uint8Array,
    receivedAtMs: number,
    table: PlantModel['units'],
  ): CanonicalSample[] {
    const signals = this.#byTopic.get(topic);
    if (signals === undefined) {
      throw new MillwrightError(
        'MW_EDGE_UNKNOWN_TOPIC',
        `no signal of source ${this.source} maps topic ${topic}`,
        {
          source: this.source,
          topic,
        },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
    } catch (cause) {
      throw new MillwrightError(
        'MW_EDGE_PAYLOAD_MALFORMED',
        `topic ${topic}: payload is not JSON`,
        { source: this.source, topic },
        { cause },
      );
    }
    return signals.map((signal) => {
      const bare = typeof parsed !== 'object' || parsed === null;
      const raw = bare ? parsed : fieldOf(parsed, signal.binding.field);
      return {
        workCenter: signal.workCenter,
        source: this.source,
        tag: signal.tag,
        timestampMs: timestampOf(parsed, receivedAtMs, signal.rule.signal),
        value: signalValue(signal.rule, raw, table),
        quality: Quality.good,
      };
    });
  }
}
