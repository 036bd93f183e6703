// The work-center behaviour: pure `(state, msg, ctx) -> state`. One exhaustive switch hands
// each message to its step (steps/), then applies the step's outcome through ctx: events get
// their envelope from the shared builder (rules/event-draft.ts) with the actor's sequence.
// A step that refuses (MillwrightError) changes nothing and the refusal is the reply. No I/O.
import { MillwrightError } from '../../contracts/index.ts';
import type { ActorContext } from '../runtime/index.ts';
import type { Rejection, WorkCenterMessage } from './protocol.ts';
import { envelopeAll } from './rules/index.ts';
import { consumptionApproved, consumptionRecorded } from './steps/consumption.ts';
import { countsReported } from './steps/counts.ts';
import { frameApplied } from './steps/frame.ts';
import { machineStateChanged } from './steps/machine.ts';
import { completeRequested, orderReleased } from './steps/orders.ts';
import type { StepInput, StepOutcome } from './steps/outcome.ts';
import { qualityDecided } from './steps/quality.ts';
import type { WorkCenterState } from './state.ts';

export { UNASSIGNED_MATERIAL, UNSPECIFIED_REASON } from './steps/counts.ts';

export function workCenterBehavior(
  state: WorkCenterState,
  msg: WorkCenterMessage,
  ctx: ActorContext<WorkCenterMessage>,
): WorkCenterState {
  let outcome: StepOutcome;
  try {
    outcome = step(state, msg, { now: ctx.now, workCenter: ctx.address.workCenter });
  } catch (error) {
    if (!(error instanceof MillwrightError)) throw error;
    ctx.reply({
      rejected: { type: error.type, message: error.message, data: error.data },
    } satisfies Rejection);
    return state;
  }
  apply(outcome, ctx);
  return outcome.state;
}

function step(state: WorkCenterState, msg: WorkCenterMessage, input: StepInput): StepOutcome {
  switch (msg.kind) {
    case 'counts.reported':
      return countsReported(state, msg);
    case 'frame.applied':
      return frameApplied(state, msg);
    case 'counts.requested':
      return { state, reply: { good: state.good, scrap: state.scrap, inputs: state.inputs } };
    case 'order.released':
      return orderReleased(state, msg, input);
    case 'consumption.recorded':
      return consumptionRecorded(state, msg);
    case 'operation.completeRequested':
      return completeRequested(state, msg, input);
    case 'consumption.approved':
      return consumptionApproved(state, msg, input);
    case 'machine.stateChanged':
      return machineStateChanged(state, msg);
    case 'quality.decided':
      return qualityDecided(state, msg);
    default:
      return assertNever(msg);
  }
}

function apply(outcome: StepOutcome, ctx: ActorContext<WorkCenterMessage>): void {
  const { plant, workCenter, key } = ctx.address;
  for (const emission of outcome.emissions ?? []) {
    const { drafts, ...envelope } = emission;
    const events = envelopeAll(drafts, {
      plant,
      workCenter,
      sequence: ctx.sequence,
      now: ctx.now,
      ...envelope,
    });
    for (const event of events) ctx.emit(event);
  }
  if (outcome.countsChanged === true) {
    ctx.publish('workcenter.counts.changed', {
      key,
      sequence: ctx.sequence,
      good: outcome.state.good,
      scrap: outcome.state.scrap,
    });
  }
  ctx.reply(outcome.reply);
}

function assertNever(msg: never): never {
  throw new Error(`unhandled work-center message ${JSON.stringify(msg)}`);
}
