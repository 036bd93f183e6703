// machine.stateChanged: the machine entered running, idle, down or planned-stop. Ending a
// stop records its downtime (rules/machine-state.ts), booked to the running order if any.
import type { CountsReply, MachineStateChanged } from '../protocol.ts';
import { activeRunIndex, changeMachineState, type MachineStatus } from '../rules/index.ts';
import { applyInput, isDuplicate, type WorkCenterState } from '../state.ts';
import type { StepOutcome } from './outcome.ts';

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

export function machineStateChanged(state: WorkCenterState, msg: MachineStateChanged): StepOutcome {
  if (isDuplicate(state, msg.source, msg.sourceSeq)) {
    return { state, reply: { accepted: false, duplicate: true } satisfies CountsReply };
  }
  const run = state.runs[activeRunIndex(state.runs)];
  const place =
    run === undefined ? undefined : { productionOrder: run.order.order, operation: run.operation };
  const change = changeMachineState(state.machine, statusOf(msg), place);
  const causationId = `${msg.source}:${msg.sourceSeq}`;
  const [downtime] = change.drafts;
  return {
    state: { ...applyInput(state, msg), machine: change.machine },
    reply: {
      accepted: true,
      duplicate: false,
      machine: change.machine,
      ...(downtime === undefined ? {} : { downtime: downtime.payload }),
    },
    emissions: [
      {
        drafts: change.drafts,
        correlationId: msg.correlationId ?? run?.correlationId ?? causationId,
        causationId,
        origin: { kind: 'device', id: msg.source },
        timestampSource: 'edge',
      },
    ],
  };
}
