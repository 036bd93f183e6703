// counts.reported: good and scrap of one input go to the totals, the source's totals and the
// running order; scrap is declared with its reason; reaching the order's target completes the
// operation in the same step (rules/complete-operation.ts) and receives its lot. `countParts` is
// shared with frame.applied (steps/frame.ts).
import type { MaterialCode, ReasonCode } from '../../../contracts/index.ts';
import type { CountsReply, CountsReported } from '../protocol.ts';
import {
  activeRunIndex,
  addCounts,
  completeOperation,
  pruneRuns,
  receiveLot,
  targetReached,
  type EventDraft,
  type OrderRun,
} from '../rules/index.ts';
import { applyInput, isDuplicate, type WorkCenterState } from '../state.ts';
import type { Emission, StepOutcome } from './outcome.ts';

/** Placeholder codes when neither the input nor a running order names material and reason. */
export const UNASSIGNED_MATERIAL = 'UNASSIGNED' as MaterialCode;
export const UNSPECIFIED_REASON = 'UNSPECIFIED' as ReasonCode;

export interface CountsAccepted extends CountsReply {
  /** The order whose operation this input completed (target reached). */
  readonly completed?: { readonly order: string; readonly operation: string };
}

/** Parts of one input, as counts.reported and frame.applied both carry them. */
export type Parts = Pick<
  CountsReported,
  'source' | 'sourceSeq' | 'good' | 'scrap' | 'occurredAt' | 'correlationId'
> &
  Partial<Pick<CountsReported, 'material' | 'scrapReason'>>;

export interface PartsCounted {
  readonly runs: OrderRun[];
  /** The work center's lots, with the one an operation completed by these parts received. */
  readonly lots: WorkCenterState['lots'];
  readonly emissions: Emission[];
  readonly completed?: CountsAccepted['completed'];
}

/** Books parts to the running order: scrap declared, operation completed at its target. */
export function countParts(state: WorkCenterState, parts: Parts): PartsCounted {
  const causationId = `${parts.source}:${parts.sourceSeq}`;
  const origin = { kind: 'device', id: parts.source } as const;
  const emissions: Emission[] = [];
  const index = activeRunIndex(state.runs);
  const active = state.runs[index];
  let run =
    active === undefined ? undefined : addCounts(active, parts.good, parts.scrap, parts.occurredAt);
  if (parts.scrap > 0) {
    emissions.push({
      drafts: [scrapDeclared(parts, run)],
      correlationId: parts.correlationId ?? causationId,
      causationId,
      origin,
      timestampSource: 'edge',
    });
  }
  let completed: CountsAccepted['completed'];
  let lots = state.lots;
  if (run !== undefined && targetReached(run)) {
    const completion = completeOperation(run, parts.occurredAt);
    // Confirmation and postings belong to the order's trail; the input that completed it is the cause.
    emissions.push({
      drafts: completion.drafts,
      correlationId: run.correlationId,
      causationId,
      origin,
      timestampSource: 'edge',
    });
    run = completion.run;
    completed = { order: run.order.order, operation: run.operation };
    if (completion.received !== undefined) lots = receiveLot(lots, completion.received);
  }
  const runs =
    run === undefined ? state.runs : pruneRuns(state.runs.map((r, i) => (i === index ? run : r)));
  return { runs, lots, emissions, ...(completed === undefined ? {} : { completed }) };
}

export function countsReported(state: WorkCenterState, msg: CountsReported): StepOutcome {
  if (isDuplicate(state, msg.source, msg.sourceSeq)) {
    return { state, reply: { accepted: false, duplicate: true } satisfies CountsReply };
  }
  const { runs, lots, emissions, completed } = countParts(state, msg);
  const reply: CountsAccepted = {
    accepted: true,
    duplicate: false,
    ...(completed === undefined ? {} : { completed }),
  };
  return {
    state: { ...applyInput(state, msg), runs, lots },
    reply,
    emissions,
    countsChanged: true,
  };
}

/**
 * Scrap of one input, with its reason, for analytics and reason reporting. ERP gets operation
 * scrap through the confirmation's scrap quantity, not from these (decision 0701).
 */
function scrapDeclared(parts: Parts, run: OrderRun | undefined): EventDraft {
  return {
    type: 'scrap.declared.v1',
    status: 'recorded',
    occurredAt: parts.occurredAt,
    ...(run === undefined ? {} : { productionOrder: run.order.order, operation: run.operation }),
    payload: {
      ...(run === undefined ? {} : { order: run.order.order }),
      material: parts.material ?? run?.order.material ?? UNASSIGNED_MATERIAL,
      quantity: { value: parts.scrap, unit: run?.order.targetQuantity.unit ?? 'ea' },
      reason: parts.scrapReason ?? UNSPECIFIED_REASON,
    },
  };
}
