// Telemetry frames into work-center actors (`workcenter.host.ingestFrame`, on the owning node):
// decodes the frame (native/ codec), turns its counter readings into good / scrap deltas and
// its state samples into state changes with the aggregation kernel, and tells the actor. Must
// not hold business rules: the actor decides what counts mean (actors/workcenter).
import { actorKey, type WorkCenterMessage } from '../../actors/index.ts';
import { MACHINE_STATES } from '../../edge/template/index.ts';
import {
  compileSpec,
  createCarry,
  decodeFrame,
  F,
  KIND_CODE,
  STRIDE,
  type CompiledSpec,
  type FrameHeader,
  type KernelCarry,
  type KernelColumns,
  type LoadedKernel,
} from '../../native/index.ts';
import { fromNativeError } from '../platform/index.ts';
import type { TellResult } from './routing.ts';

/** Which tags of a work center's tag table carry the counters and the machine state. */
export interface TagRoles {
  readonly good: number;
  readonly scrap: number;
  readonly state?: number;
}

/** The plant template's machine types declare good, scrap, state first (edge tag order). */
export const DEFAULT_TAG_ROLES: TagRoles = { good: 0, scrap: 1, state: 2 };

/** The actor's state names; stops (down, planned-stop) need a reason and are not sent here. */
const ACTOR_STATE: Partial<Record<string, 'running' | 'idle'>> = {
  running: 'running',
  idle: 'idle',
  blocked: 'idle',
  starved: 'idle',
};

export interface IngestResult {
  readonly frameSeq: number;
  readonly good: number;
  readonly scrap: number;
  readonly state?: string;
  /** False when the actor had seen this frame already (re-sent by the edge). */
  readonly accepted: boolean;
}

interface SourceTrack {
  readonly spec: CompiledSpec;
  carry: KernelCarry;
  lastSeq: number;
  chain: Promise<unknown>;
}

export type RolesOf = (plant: string, workCenter: string) => TagRoles;
type Tell = (key: string, message: WorkCenterMessage) => Promise<TellResult>;

const copyCarry = (c: KernelCarry): KernelCarry => ({
  counters: c.counters.slice(),
  states: c.states.slice(),
});

export class FrameIngest {
  readonly #kernel: LoadedKernel;
  readonly #rolesOf: RolesOf;
  readonly #tell: Tell;
  readonly #sources = new Map<string, SourceTrack>();

  constructor(kernel: LoadedKernel, rolesOf: RolesOf, tell: Tell) {
    this.#kernel = kernel;
    this.#rolesOf = rolesOf;
    this.#tell = tell;
  }

  /** Frames of one source run one after another: the counter carry follows frame order. */
  ingest(bytes: Uint8Array): Promise<IngestResult> {
    let decoded: ReturnType<typeof decodeFrame>;
    try {
      decoded = decodeFrame(bytes, { copy: true });
    } catch (error) {
      const failure = fromNativeError(error);
      return Promise.reject(failure instanceof Error ? failure : new Error(String(failure)));
    }
    const { header, columns } = decoded;
    const track = this.#track(header);
    const run = track.chain.then(() => this.#apply(track, header, columns));
    track.chain = run.catch(() => undefined);
    return run;
  }

  async #apply(
    track: SourceTrack,
    header: FrameHeader,
    columns: KernelColumns,
  ): Promise<IngestResult> {
    const base = { frameSeq: header.frameSeq, good: 0, scrap: 0 };
    // A re-sent frame: its readings are already in the carry; the actor de-duplicates as well.
    if (header.frameSeq <= track.lastSeq) return { ...base, accepted: false };
    const roles = this.#rolesOf(header.plant, header.workCenter);
    // The carry advances only once the actor committed: a failed tell is re-sent by the edge
    // and must yield the same deltas again.
    const carry = copyCarry(track.carry);
    const before = roles.state === undefined ? Number.NaN : (carry.states[1] ?? Number.NaN);
    const table = this.#kernel.aggregate(columns, track.spec, carry);
    let good = 0;
    let scrap = 0;
    for (let row = 0; row < table.rows; row++) {
      const at = row * STRIDE;
      if (table.stats[at + F.KIND] !== KIND_CODE.counter) continue;
      const delta = table.stats[at + F.DELTA] ?? 0;
      if (table.stats[at + F.TAG] === roles.good) good += delta;
      else if (table.stats[at + F.TAG] === roles.scrap) scrap += delta;
    }
    good = Math.max(0, Math.round(good));
    scrap = Math.max(0, Math.round(scrap));
    const occurredAt = Number.isFinite(table.maxTimestampMs)
      ? new Date(table.maxTimestampMs).toISOString()
      : header.sealedAt;
    const key = actorKey(header.plant, header.workCenter);
    const correlation =
      header.correlationId === undefined ? {} : { correlationId: header.correlationId };
    const source = header.source;
    let accepted = true;
    if (good > 0 || scrap > 0) {
      const result = await this.#tell(key, {
        kind: 'counts.reported',
        source,
        sourceSeq: header.frameSeq,
        good,
        scrap,
        occurredAt,
        ...correlation,
      } as WorkCenterMessage);
      accepted = (result.reply as { duplicate?: boolean } | undefined)?.duplicate !== true;
    }
    const after = roles.state === undefined ? Number.NaN : (carry.states[1] ?? Number.NaN);
    // Frame state values are the 1-based index of the edge's canonical states (0: unknown).
    const name = MACHINE_STATES[after - 1];
    const state = name === undefined ? undefined : ACTOR_STATE[name];
    if (after !== before && state !== undefined) {
      await this.#tell(key, {
        kind: 'machine.stateChanged',
        source: `${source}#state`,
        sourceSeq: header.frameSeq,
        state,
        occurredAt,
        ...correlation,
      } as WorkCenterMessage);
    }
    track.carry = carry;
    track.lastSeq = header.frameSeq;
    return { ...base, good, scrap, accepted, ...(name === undefined ? {} : { state: name }) };
  }

  #track(header: FrameHeader): SourceTrack {
    const id = `${header.plant}/${header.workCenter}/${header.source}`;
    let track = this.#sources.get(id);
    if (track === undefined) {
      const roles = this.#rolesOf(header.plant, header.workCenter);
      const spec = compileSpec({
        windowMs: 60_000,
        maxIntervalMs: 3_600_000,
        relativeAccuracy: 0.01,
        counters: [{ tag: roles.good }, { tag: roles.scrap }],
        states: roles.state === undefined ? [] : [{ tag: roles.state }],
      });
      track = { spec, carry: createCarry(spec), lastSeq: -1, chain: Promise.resolve() };
      this.#sources.set(id, track);
    }
    return track;
  }
}
