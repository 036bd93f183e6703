// Machine state of a work center (running, idle, down, planned stop) and the downtime it
// records: when a down or planned-stop interval ends, one downtime.recorded.v1 with the reason
// and its path through the plant's reason-code tree (ISA-95 Part 2, work-center states).
// The path arrives with the change (resolved from master data at the boundary): no tree here.
import { z } from 'zod';
import { MillwrightError } from '../../../contracts/index.ts';
import type { EventDraft } from './event-draft.ts';

export const MachineStateName = z.enum(['running', 'idle', 'down', 'planned-stop']);
export type MachineStateName = z.infer<typeof MachineStateName>;

/** A stop: down (unplanned, counts against availability) or a planned stop. */
const Stopped = z.strictObject({
  state: z.enum(['down', 'planned-stop']),
  since: z.string(),
  reason: z.string(),
  /** Root to leaf, the leaf being `reason`. */
  reasonPath: z.array(z.string()).min(1),
});

const Available = z.strictObject({ state: z.enum(['running', 'idle']), since: z.string() });

export const MachineStatus = z.union([Stopped, Available]);
export type MachineStatus = z.infer<typeof MachineStatus>;

/** Where the order stands when the interval ends, so analytics can book it to the order. */
export interface RunPlace {
  readonly productionOrder: string;
  readonly operation: string;
}

export interface MachineChange {
  readonly machine: MachineStatus;
  readonly drafts: EventDraft[];
}

function isStopped(status: MachineStatus): status is z.infer<typeof Stopped> {
  return status.state === 'down' || status.state === 'planned-stop';
}

function sameState(a: MachineStatus, b: MachineStatus): boolean {
  if (a.state !== b.state) return false;
  return !isStopped(a) || !isStopped(b) || a.reason === b.reason;
}

/**
 * Moves to `next` (its `since` is when the change happened). A change to the same state with
 * the same reason is no change; a stop whose reason changes ends one interval and starts another.
 */
export function changeMachineState(
  current: MachineStatus | null,
  next: MachineStatus,
  place: RunPlace | undefined,
): MachineChange {
  if (current === null) return { machine: next, drafts: [] };
  const startedMs = Date.parse(current.since);
  const endedMs = Date.parse(next.since);
  if (endedMs < startedMs) {
    throw new MillwrightError(
      'MW_WORKCENTER_STATE_OUT_OF_ORDER',
      `machine state ${next.state} at ${next.since} is before the current ${current.state} since ${current.since}`,
      { current, next },
    );
  }
  if (sameState(current, next)) return { machine: current, drafts: [] };
  if (!isStopped(current)) return { machine: next, drafts: [] };
  const draft: EventDraft = {
    type: 'downtime.recorded.v1',
    status: 'recorded',
    occurredAt: next.since,
    ...(place ?? {}),
    payload: {
      startedAt: current.since,
      endedAt: next.since,
      durationMs: endedMs - startedMs,
      reason: current.reason,
      reasonPath: current.reasonPath,
      planned: current.state === 'planned-stop',
    },
  };
  return { machine: next, drafts: [draft] };
}
