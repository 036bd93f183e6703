// order.released queues an order on this work center (once per order); the first queued order
// not completed runs. operation.completeRequested completes the running operation now, with
// the same postings as reaching the target (rules/complete-operation.ts).
import { MillwrightError } from '../../../contracts/index.ts';
import type { CompleteRequested, OrderReleasedMessage } from '../protocol.ts';
import {
  activeRunIndex,
  completeOperation,
  pruneRuns,
  receiveLot,
  releaseInto,
  type OrderRun,
} from '../rules/index.ts';
import type { WorkCenterState } from '../state.ts';
import { iso, originOf, type StepInput, type StepOutcome } from './outcome.ts';

export interface ReleaseReply {
  readonly accepted: true;
  readonly status: 'released' | 'already-released';
  readonly order: string;
  readonly operation: string;
  /** 0: running now; n: n orders run before it. */
  readonly position: number;
}

export function orderReleased(
  state: WorkCenterState,
  msg: OrderReleasedMessage,
  input: StepInput,
): StepOutcome {
  if (msg.order.plant !== state.plant) {
    throw new MillwrightError(
      'MW_WORKCENTER_ORDER_NOT_HERE',
      `order ${msg.order.order} is for plant ${msg.order.plant}, not ${state.plant}`,
      { order: msg.order.order, plant: msg.order.plant, workCenter: input.workCenter },
    );
  }
  const release = releaseInto(state.runs, msg.order, input.workCenter, msg.correlationId);
  const waiting = release.runs.filter((r) => r.status !== 'completed');
  const reply: ReleaseReply = {
    accepted: true,
    status: release.status,
    order: release.run.order.order,
    operation: release.run.operation,
    position: Math.max(0, waiting.indexOf(release.run)),
  };
  if (release.status === 'already-released') return { state, reply };
  return { state: { ...state, runs: release.runs }, reply };
}

/** The running order, or the error that says why there is none to book to. */
export function runningOrder(
  state: WorkCenterState,
  order: string | undefined,
): { run: OrderRun; index: number } {
  const index = activeRunIndex(state.runs);
  const run = state.runs[index];
  if (run === undefined) {
    throw new MillwrightError(
      'MW_WORKCENTER_NO_ACTIVE_ORDER',
      `work center ${state.plant}/${state.workCenter} has no order running`,
      { plant: state.plant, workCenter: state.workCenter, order: order ?? null },
    );
  }
  if (order !== undefined && order !== run.order.order) {
    throw new MillwrightError(
      'MW_WORKCENTER_ORDER_NOT_ACTIVE',
      `order ${order} is not running on ${state.plant}/${state.workCenter}; ${run.order.order} is`,
      { order, running: run.order.order },
    );
  }
  return { run, index };
}

export function completeRequested(
  state: WorkCenterState,
  msg: CompleteRequested,
  input: StepInput,
): StepOutcome {
  const { run, index } = runningOrder(state, msg.order);
  const completion = completeOperation(run, msg.occurredAt ?? iso(input.now));
  const runs = pruneRuns(state.runs.map((r, i) => (i === index ? completion.run : r)));
  return {
    state: {
      ...state,
      runs,
      lots:
        completion.received === undefined
          ? state.lots
          : receiveLot(state.lots, completion.received),
    },
    reply: {
      completed: { order: run.order.order, operation: run.operation },
      events: completion.drafts.map((d) => d.type),
      held: completion.run.held.map((h) => h.bomItem),
    },
    emissions: [
      {
        drafts: completion.drafts,
        correlationId: run.correlationId,
        causationId: msg.correlationId ?? `complete:${run.order.order}/${run.operation}`,
        origin: originOf(msg.requestedBy),
        timestampSource: msg.occurredAt === undefined ? 'actor' : 'operator',
      },
    ],
  };
}
