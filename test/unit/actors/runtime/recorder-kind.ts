// A tiny actor kind for runtime tests: appends each `add` to a list, replies to `get`,
// schedules and offloads on request, throws on `boom`. Plus a store whose commits can be held.
import {
  MemoryActorStore,
  type ActorKind,
  type ActorRecord,
  type StoredActor,
} from '../../../../actors/index.ts';

export type RecorderMessage =
  | { kind: 'add'; value: string }
  | { kind: 'get' }
  | { kind: 'later'; value: string; delayMs: number }
  | { kind: 'square'; n: number }
  | { kind: 'boom' };

export interface RecorderState {
  readonly values: readonly string[];
}

export const seen: string[] = [];

export const recorderKind: ActorKind<RecorderState, RecorderMessage> = {
  name: 'recorder',
  initialState: () => ({ values: [] }),
  behavior(state, msg, ctx) {
    switch (msg.kind) {
      case 'add':
        seen.push(`${ctx.address.key}:${msg.value}`);
        ctx.reply(ctx.sequence);
        return { values: [...state.values, msg.value] };
      case 'get':
        ctx.reply(state.values);
        return state;
      case 'later':
        ctx.schedule(msg.delayMs, { kind: 'add', value: msg.value });
        return state;
      case 'square':
        ctx.offload('square', msg.n, (result) => ({ kind: 'add', value: String(result) }));
        return state;
      case 'boom':
        throw new Error('boom');
    }
  },
  parseMessage: (raw) => raw as RecorderMessage,
  parseState: (raw) => raw as RecorderState,
};

/** A real in-memory store whose commits wait while `hold()` is in force. */
export class HeldStore extends MemoryActorStore {
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;
  committing = 0;

  hold(): void {
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }

  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }

  override async commit(key: string, expected: number, record: ActorRecord): Promise<number> {
    this.committing++;
    try {
      if (this.#gate !== undefined) await this.#gate;
      return await super.commit(key, expected, record);
    } finally {
      this.committing--;
    }
  }

  override load(key: string): Promise<StoredActor | undefined> {
    return super.load(key);
  }
}

/** Counts what the runtime reports through its metrics port. */
export function countingMetrics() {
  const counts: Record<string, number> = {};
  const latencies: number[] = [];
  let gauges = { active: 0, depth: 0 };
  return {
    counts,
    latencies,
    get gauges() {
      return gauges;
    },
    port: {
      count(name: string, by = 1) {
        counts[name] = (counts[name] ?? 0) + by;
      },
      gauges(active: number, depth: number) {
        gauges = { active, depth };
      },
      snapshotLatency(ms: number) {
        latencies.push(ms);
      },
    },
  };
}
