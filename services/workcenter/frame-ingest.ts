// Telemetry frames into work-center actors (`workcenter.host.ingestFrame`, on the owning node):
// decodes the frame (native/ codec), turns its counter readings into good / scrap deltas and its
// last state reading into the machine state with the aggregation kernel, and tells the actor one
// `frame.applied` per frame. Each frame is aggregated on its own, from the base readings it
// carries (decision 0404): no per-source memory, so order and restarts do not matter.
// Must not hold business rules: the actor decides what counts mean (actors/workcenter).
import { actorKey, type WorkCenterMessage } from '../../actors/index.ts';
import { MACHINE_STATES } from '../../edge/template/index.ts';
import {
  compileSpec,
  createCarry,
  decodeFrame,
  F,
  KIND_CODE,
  seedCarry,
  splitCarriedBase,
  STRIDE,
  type CompiledSpec,
  type DecodedFrame,
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
  /** The frame's last machine state reading (canonical name), if it has one. */
  readonly state?: string;
  /** False when the actor had applied this frame already (re-sent by the edge). */
  readonly accepted: boolean;
}

/** What one frame amounts to, before the actor is told. */
export interface FrameFacts {
  readonly good: number;
  readonly scrap: number;
  /** The latest valid state reading (carried or observed): its canonical name and time. */
  readonly state?: { readonly name: string; readonly atMs: number };
  /** Newest observed sample time; NaN when the frame has no valid timestamp. */
  readonly latestMs: number;
}

export type RolesOf = (plant: string, workCenter: string) => TagRoles;
type Tell = (key: string, message: WorkCenterMessage) => Promise<TellResult>;

const iso = (ms: number) => new Date(ms).toISOString();

export class FrameIngest {
  readonly #kernel: LoadedKernel;
  readonly #rolesOf: RolesOf;
  readonly #tell: Tell;
  /** Compiled specs per work center: configuration, not state (roles never change at run time). */
  readonly #specs = new Map<string, { roles: TagRoles; spec: CompiledSpec }>();

  constructor(kernel: LoadedKernel, rolesOf: RolesOf, tell: Tell) {
    this.#kernel = kernel;
    this.#rolesOf = rolesOf;
    this.#tell = tell;
  }

  async ingest(bytes: Uint8Array): Promise<IngestResult> {
    let decoded: DecodedFrame;
    try {
      decoded = decodeFrame(bytes, { copy: true });
    } catch (error) {
      const failure = fromNativeError(error);
      throw failure instanceof Error ? failure : new Error(String(failure));
    }
    const { header } = decoded;
    const facts = this.facts(decoded);
    const stateName = facts.state === undefined ? undefined : ACTOR_STATE[facts.state.name];
    const result = await this.#tell(actorKey(header.plant, header.workCenter), {
      kind: 'frame.applied',
      source: header.source,
      sourceSeq: header.frameSeq,
      good: facts.good,
      scrap: facts.scrap,
      ...(stateName === undefined || facts.state === undefined
        ? {}
        : { state: stateName, stateAt: iso(facts.state.atMs) }),
      occurredAt: Number.isFinite(facts.latestMs) ? iso(facts.latestMs) : header.sealedAt,
      ...(header.correlationId === undefined ? {} : { correlationId: header.correlationId }),
    } as WorkCenterMessage);
    const accepted = (result.reply as { duplicate?: boolean } | undefined)?.duplicate !== true;
    return {
      frameSeq: header.frameSeq,
      good: facts.good,
      scrap: facts.scrap,
      accepted,
      ...(facts.state === undefined ? {} : { state: facts.state.name }),
    };
  }

  /** Aggregates one decoded frame on its own: a fresh carry seeded with its carried base. */
  facts({ header, columns }: DecodedFrame): FrameFacts {
    const { roles, spec } = this.#specOf(header.plant, header.workCenter);
    const { carried, observed } = splitCarriedBase(columns);
    const carry = createCarry(spec);
    seedCarry(spec, carry, carried, 'replace');
    const table = this.#kernel.aggregate(observed, spec, carry);
    let good = 0;
    let scrap = 0;
    for (let row = 0; row < table.rows; row++) {
      const at = row * STRIDE;
      if (table.stats[at + F.KIND] !== KIND_CODE.counter) continue;
      const delta = table.stats[at + F.DELTA] ?? 0;
      if (table.stats[at + F.TAG] === roles.good) good += delta;
      else if (table.stats[at + F.TAG] === roles.scrap) scrap += delta;
    }
    // Frame state values are the 1-based index of the edge's canonical states (0: unknown).
    const stateAt = carry.states[0] ?? Number.NaN;
    const name = roles.state === undefined ? undefined : MACHINE_STATES[(carry.states[1] ?? 0) - 1];
    return {
      good: Math.max(0, Math.round(good)),
      scrap: Math.max(0, Math.round(scrap)),
      ...(name === undefined || Number.isNaN(stateAt) ? {} : { state: { name, atMs: stateAt } }),
      latestMs: Number.isFinite(table.maxTimestampMs) ? table.maxTimestampMs : Number.NaN,
    };
  }

  #specOf(plant: string, workCenter: string) {
    const id = `${plant}/${workCenter}`;
    let entry = this.#specs.get(id);
    if (entry === undefined) {
      const roles = this.#rolesOf(plant, workCenter);
      const spec = compileSpec({
        windowMs: 60_000,
        maxIntervalMs: 3_600_000,
        relativeAccuracy: 0.01,
        counters: [{ tag: roles.good }, { tag: roles.scrap }],
        states: roles.state === undefined ? [] : [{ tag: roles.state }],
      });
      this.#specs.set(id, (entry = { roles, spec }));
    }
    return entry;
  }
}
