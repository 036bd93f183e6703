// What one step of the work-center behaviour decides: the next state, the reply, and the
// business events to emit (drafts with how to envelope them). Steps are pure and throw
// MillwrightError to refuse; the behaviour applies an outcome through ctx, so a refused
// message can never have emitted half of its events.
import type { Origin, TimestampSource } from '../../../contracts/index.ts';
import type { EventDraft } from '../rules/index.ts';
import type { WorkCenterState } from '../state.ts';

/** Drafts that share one correlation, cause and origin. Types must not repeat across emissions of one step (event ids are per type and ordinal). */
export interface Emission {
  readonly drafts: readonly EventDraft[];
  readonly correlationId: string;
  readonly causationId: string;
  readonly origin: Origin;
  readonly timestampSource: TimestampSource;
}

export interface StepOutcome {
  readonly state: WorkCenterState;
  readonly reply: unknown;
  readonly emissions?: readonly Emission[];
  /** Publish the at-most-once counts notification. */
  readonly countsChanged?: boolean;
}

/** What a step may read besides state and message: the actor's clock and work center. */
export interface StepInput {
  readonly now: number;
  readonly workCenter: string;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The envelope origin of a command: an operator, or Millwright itself for "system". */
export function originOf(caller: string): Origin {
  return caller === 'system'
    ? { kind: 'system', id: 'millwright' }
    : { kind: 'operator', id: caller };
}
