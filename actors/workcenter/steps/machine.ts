// machine.stateChanged: the machine entered running, idle, down or planned-stop. Ending a
// stop records its downtime (rules/machine-state.ts), booked to the running order if any.
// `enterState` is shared with frame.applied (steps/frame.ts).
import type { CountsReply, MachineStateChanged } from '../protocol.ts';
import { activeRunIndex, changeMachineState, type MachineStatus } from '../rules/index.ts';
import { applyInput, isDuplicate, type WorkCenterState } from '../state.ts';
import type { Emission, StepOutcome } from './outcome.ts';

function statusOf(msg: MachineStateChanged): MachineStatus {
  if (msg.state === 'running' || msg.state === 'idle') {
    return { state: msg.state, since: msg.occurredAt };
  }
  // The protocol's refinement guarantees both for a stop.
  const reason = msg.reason ?? 'UNSPECIFIED';
  return {
    state: msg.state,
    since: msg.occurredAt,
    reason,
    reasonPath: msg.reasonPath ?? [reason],
  };
}

export interface StateEntered {
  readonly machine: MachineStatus;
  readonly emission: Emission;
  /** The downtime that the change ended, if any. */
  readonly downtime?: unknown;
}

/** Moves the machine to `status`; throws MW_WORKCENTER_STATE_OUT_OF_ORDER if it is older. */
export function enterState(
  state: WorkCenterState,
  status: MachineStatus,
  input: { source: string; sourceSeq: number; correlationId?: string | undefined },
): StateEntered {
  const run = state.runs[activeRunIndex(state.runs)];
  const place =
    run === undefined ? undefined : { productionOrder: run.order.order, operation: run.operation };
  const change = changeMachineState(state.machine, status, place);
  const causationId = `${input.source}:${input.sourceSeq}`;
  const [downtime] = change.drafts;
  return {
    machine: change.machine,
    emission: {
      drafts: change.drafts,
      correlationId: input.correlationId ?? run?.correlationId ?? causationId,
      causationId,
      origin: { kind: 'device', id: input.source },
      timestampSource: 'edge',
    },
    ...(downtime === undefined ? {} : { downtime: downtime.payload }),
  };
}

export function machineStateChanged(state: WorkCenterState, msg: MachineStateChanged): StepOutcome {
  if (isDuplicate(state, msg.source, msg.sourceSeq)) {
    return { state, reply: { accepted: false, duplicate: true } satisfies CountsReply };
  }
  const entered = enterState(state, statusOf(msg), msg);
  return {
    state: { ...applyInput(state, msg), machine: entered.machine },
    reply: {
      accepted: true,
      duplicate: false,
      machine: entered.machine,
      ...(entered.downtime === undefined ? {} : { downtime: entered.downtime }),
    },
    emissions: [entered.emission],
  };
}
