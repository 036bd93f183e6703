// frame.applied: one telemetry frame, aggregated on its own by the host (decision 0404). The
// frame's number joins its source's seen-set (frames of a stream may arrive in any order); its
// machine state applies first, unless older than the current one (a backlog frame arriving
// after live ones), then its parts count as counts.reported's do.
import type { CountsReply, FrameApplied } from '../protocol.ts';
import type { MachineStatus } from '../rules/index.ts';
import { applyInput, isDuplicate, type WorkCenterState } from '../state.ts';
import { countParts, type CountsAccepted } from './counts.ts';
import { enterState } from './machine.ts';
import type { Emission, StepOutcome } from './outcome.ts';

export interface FrameAccepted extends CountsAccepted {
  /** The machine state after the frame, when the frame changed it. */
  readonly machine?: MachineStatus;
}

/** A state reading at `at` may replace the current state only if it is not older. */
function isCurrent(machine: MachineStatus | null, at: string): boolean {
  return machine === null || Date.parse(at) >= Date.parse(machine.since);
}

export function frameApplied(state: WorkCenterState, msg: FrameApplied): StepOutcome {
  if (isDuplicate(state, msg.source, msg.sourceSeq)) {
    return { state, reply: { accepted: false, duplicate: true } satisfies CountsReply };
  }
  const emissions: Emission[] = [];
  let next = state;
  let machine: MachineStatus | undefined;
  if (
    msg.state !== undefined &&
    msg.stateAt !== undefined &&
    isCurrent(state.machine, msg.stateAt)
  ) {
    const entered = enterState(state, { state: msg.state, since: msg.stateAt }, msg);
    if (entered.machine !== state.machine) machine = entered.machine;
    next = { ...state, machine: entered.machine };
    if (entered.emission.drafts.length > 0) emissions.push(entered.emission);
  }
  const counted = msg.good > 0 || msg.scrap > 0;
  const parts = counted ? countParts(next, msg) : undefined;
  if (parts !== undefined) emissions.push(...parts.emissions);
  const reply: FrameAccepted = {
    accepted: true,
    duplicate: false,
    ...(parts?.completed === undefined ? {} : { completed: parts.completed }),
    ...(machine === undefined ? {} : { machine }),
  };
  return {
    state: {
      ...applyInput(next, msg),
      runs: parts?.runs ?? next.runs,
      lots: parts?.lots ?? next.lots,
    },
    reply,
    emissions,
    countsChanged: counted,
  };
}
