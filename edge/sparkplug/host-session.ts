// The Sparkplug B host application's view of edge nodes (Sparkplug 3.0 §7.3-§7.4), pure and
// table-driven: births build the alias tables, seq numbers are checked, deaths (matched by
// bdSeq) make values stale, and every reason to resynchronise yields one rebirth request.
import { MillwrightError } from '../../contracts/index.ts';
import { Quality, type CanonicalSample } from '../framing/index.ts';
import { signalValue, type CompiledSignal, type PlantModel } from '../template/index.ts';
import type { Metric, Payload } from './sparkplug-codec.ts';
import type { MessageType } from './sparkplug-topic.ts';

export interface Outcome {
  readonly samples: CanonicalSample[];
  /** Publish NCMD Node Control/Rebirth to this edge node (at most once until its NBIRTH). */
  readonly rebirth: boolean;
  /** Why the message was not taken; the adapter quarantines it. */
  readonly error: MillwrightError | undefined;
  /** A seq gap before this message (messages were lost); the message itself was taken. */
  readonly gap?: MillwrightError;
}

interface NodeState {
  online: boolean;
  bdSeq: number | undefined;
  seq: number;
  rebirthRequested: boolean;
  /** Alias numbers are unique per edge node across its devices (§6.4.8). */
  readonly aliases: Map<number, string>;
  readonly devices: Set<string>;
}

const deviceKey = (edgeNode: string, device: string | undefined) => `${edgeNode}/${device ?? ''}`;

export class HostSession {
  readonly source: string;
  readonly #model: PlantModel;
  readonly #signals = new Map<string, CompiledSignal[]>();
  readonly #nodes = new Map<string, NodeState>();
  readonly #last = new Map<CompiledSignal, number>();

  constructor(model: PlantModel, source: string) {
    this.#model = model;
    this.source = source;
    for (const signal of model.signals) {
      const b = signal.binding;
      if (signal.source !== source || !('metric' in b)) continue;
      const key = `${deviceKey(b.edgeNode, b.device)}/${b.metric}`;
      this.#signals.set(key, [...(this.#signals.get(key) ?? []), signal]);
    }
  }

  handle(
    type: MessageType,
    edgeNode: string,
    device: string | undefined,
    payload: Payload,
    receivedAtMs: number,
  ): Outcome {
    const node = this.#nodes.get(edgeNode);
    switch (type) {
      case 'NBIRTH': {
        // §7.3: NBIRTH starts a new session: seq 0, a bdSeq metric, a fresh alias table.
        const bdSeq = payload.metrics.find((m) => m.name === 'bdSeq')?.value;
        const fresh: NodeState = {
          online: true,
          bdSeq: typeof bdSeq === 'number' ? bdSeq : undefined,
          seq: payload.seq ?? 0,
          rebirthRequested: false,
          aliases: new Map(),
          devices: new Set(),
        };
        this.#nodes.set(edgeNode, fresh);
        return this.#values(fresh, edgeNode, undefined, payload, receivedAtMs, true);
      }
      case 'NDEATH': {
        // §7.4: only the death of the current session counts (its bdSeq equals the birth's).
        const bdSeq = payload.metrics.find((m) => m.name === 'bdSeq')?.value;
        if (node === undefined || !node.online || bdSeq !== node.bdSeq) return none();
        node.online = false;
        node.devices.clear();
        return {
          samples: this.#stale(edgeNode, undefined, payload.timestampMs ?? receivedAtMs),
          rebirth: false,
          error: undefined,
        };
      }
      case 'DBIRTH':
      case 'DDEATH':
      case 'NDATA':
      case 'DDATA': {
        if (node === undefined || !node.online)
          return this.#notBorn(node, edgeNode, device, type, edgeNode);
        const gap = this.#checkSeq(node, payload.seq);
        if (type === 'DBIRTH') {
          node.devices.add(device ?? '');
          const outcome = this.#values(node, edgeNode, device, payload, receivedAtMs, true);
          return gap === undefined
            ? outcome
            : { ...outcome, rebirth: this.#requestRebirth(node), gap };
        }
        if (device !== undefined && !node.devices.has(device))
          return this.#notBorn(node, edgeNode, device, type, `${edgeNode}/${device}`);
        if (type === 'DDEATH') {
          node.devices.delete(device ?? '');
          const samples = this.#stale(edgeNode, device, payload.timestampMs ?? receivedAtMs);
          if (gap === undefined) return { samples, rebirth: false, error: undefined };
          return { samples, rebirth: this.#requestRebirth(node), error: undefined, gap };
        }
        const outcome = this.#values(node, edgeNode, device, payload, receivedAtMs, false);
        if (gap === undefined) return outcome;
        return { ...outcome, rebirth: this.#requestRebirth(node) || outcome.rebirth, gap };
      }
      case 'NCMD':
      case 'DCMD':
        return none();
    }
  }

  /** §7.3 seq: 0-255, each message of a node one above the last; returns the gap error, if any. */
  #checkSeq(node: NodeState, seq: number | undefined): MillwrightError | undefined {
    const expected = (node.seq + 1) % 256;
    node.seq = seq ?? expected;
    if (seq === undefined || seq === expected) return undefined;
    return new MillwrightError(
      'MW_EDGE_SPARKPLUG_SEQUENCE_GAP',
      `seq ${seq} where ${expected} was expected`,
      { expected, received: seq },
    );
  }

  #requestRebirth(node: NodeState | undefined): boolean {
    if (node?.rebirthRequested === true) return false;
    if (node !== undefined) node.rebirthRequested = true;
    return true;
  }

  #notBorn(
    node: NodeState | undefined,
    edgeNode: string,
    device: string | undefined,
    type: MessageType,
    who: string,
  ): Outcome {
    let state = node;
    if (state === undefined) {
      state = {
        online: false,
        bdSeq: undefined,
        seq: 0,
        rebirthRequested: false,
        aliases: new Map(),
        devices: new Set(),
      };
      this.#nodes.set(edgeNode, state);
    }
    const error = new MillwrightError(
      'MW_EDGE_SPARKPLUG_NOT_BORN',
      `${type} from ${who} before its birth`,
      { edgeNode, device, type },
    );
    return { samples: [], rebirth: this.#requestRebirth(state), error };
  }

  #values(
    node: NodeState,
    edgeNode: string,
    device: string | undefined,
    payload: Payload,
    receivedAtMs: number,
    birth: boolean,
  ): Outcome {
    const samples: CanonicalSample[] = [];
    let rebirth = false;
    // A birth's alias table stands even when one of its values is rejected (§6.4.8).
    if (birth) {
      for (const { name, alias } of payload.metrics) {
        if (name !== undefined && alias !== undefined) node.aliases.set(alias, name);
      }
    }
    try {
      for (const metric of payload.metrics) {
        const name =
          metric.name ?? (metric.alias === undefined ? undefined : node.aliases.get(metric.alias));
        if (name === undefined) {
          rebirth = this.#requestRebirth(node);
          throw new MillwrightError(
            'MW_EDGE_SPARKPLUG_UNKNOWN_ALIAS',
            `alias ${metric.alias ?? '(none)'} of ${edgeNode} is not in its birth`,
            { edgeNode, device, alias: metric.alias },
          );
        }
        for (const signal of this.#signals.get(`${deviceKey(edgeNode, device)}/${name}`) ?? []) {
          samples.push(this.#sample(signal, metric, payload, receivedAtMs));
        }
      }
    } catch (error) {
      // All or nothing per message, so the quarantined message replays as it was.
      return { samples: [], rebirth, error: error as MillwrightError };
    }
    return { samples, rebirth, error: undefined };
  }

  #sample(
    signal: CompiledSignal,
    metric: Metric,
    payload: Payload,
    receivedAtMs: number,
  ): CanonicalSample {
    const value = metric.isNull ? NaN : signalValue(signal.rule, metric.value, this.#model.units);
    this.#last.set(signal, value);
    return {
      workCenter: signal.workCenter,
      source: this.source,
      tag: signal.tag,
      timestampMs: metric.timestampMs ?? payload.timestampMs ?? receivedAtMs,
      value,
      quality: metric.isNull ? Quality.bad : Quality.good,
    };
  }

  /** The last value of every mapped metric of the node (or one device), marked stale. */
  #stale(edgeNode: string, device: string | undefined, atMs: number): CanonicalSample[] {
    const samples: CanonicalSample[] = [];
    for (const [key, signals] of this.#signals) {
      const prefix = device === undefined ? `${edgeNode}/` : `${deviceKey(edgeNode, device)}/`;
      if (!key.startsWith(prefix)) continue;
      for (const signal of signals) {
        samples.push({
          workCenter: signal.workCenter,
          source: this.source,
          tag: signal.tag,
          timestampMs: atMs,
          value: this.#last.get(signal) ?? NaN,
          quality: Quality.stale,
        });
      }
    }
    return samples;
  }
}

function none(): Outcome {
  return { samples: [], rebirth: false, error: undefined };
}
