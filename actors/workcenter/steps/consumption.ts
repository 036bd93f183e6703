// consumption.recorded books a scanned / MES consumption to the running operation (converted
// to the BOM unit; posted at completion). consumption.approved posts a held consumption once,
// as recorded or corrected, with the approver as the event's origin.
import { units } from '../../../contracts/index.ts';
import type { ConsumptionApproved, ConsumptionRecorded, CountsReply } from '../protocol.ts';
import { addConsumption, approveConsumption, heldRun, pruneRuns } from '../rules/index.ts';
import { applyInput, isDuplicate, type WorkCenterState } from '../state.ts';
import { runningOrder } from './orders.ts';
import { iso, originOf, type StepInput, type StepOutcome } from './outcome.ts';

export function consumptionRecorded(state: WorkCenterState, msg: ConsumptionRecorded): StepOutcome {
  if (isDuplicate(state, msg.source, msg.sourceSeq)) {
    return { state, reply: { accepted: false, duplicate: true } satisfies CountsReply };
  }
  const { run, index } = runningOrder(state, msg.order);
  const booked = addConsumption(
    run,
    {
      bomItem: msg.bomItem,
      quantity: msg.quantity,
      source: msg.via,
      ...(msg.lot === undefined ? {} : { lot: msg.lot }),
    },
    units,
    msg.occurredAt,
  );
  const line = run.order.components.find((c) => c.item === msg.bomItem);
  return {
    state: {
      ...applyInput(state, msg),
      runs: state.runs.map((r, i) => (i === index ? booked : r)),
    },
    reply: {
      accepted: true,
      duplicate: false,
      order: run.order.order,
      bomItem: msg.bomItem,
      consumed: { value: booked.consumed[msg.bomItem]?.quantity ?? 0, unit: line?.quantity.unit },
    },
  };
}

export function consumptionApproved(
  state: WorkCenterState,
  msg: ConsumptionApproved,
  input: StepInput,
): StepOutcome {
  const { run, index } = heldRun(state.runs, msg.bomItem, msg.order);
  const approval = approveConsumption(run, {
    bomItem: msg.bomItem,
    approvedAt: msg.occurredAt ?? iso(input.now),
    ...(msg.correctedQuantity === undefined ? {} : { correctedQuantity: msg.correctedQuantity }),
  });
  const runs = pruneRuns(state.runs.map((r, i) => (i === index ? approval.run : r)));
  return {
    state: { ...state, runs },
    reply: {
      approved: { order: run.order.order, operation: run.operation, bomItem: msg.bomItem },
      posted: approval.drafts.map((d) => d.payload),
    },
    emissions: [
      {
        drafts: approval.drafts,
        correlationId: run.correlationId,
        causationId: msg.correlationId ?? `approve:${run.order.order}/${msg.bomItem}`,
        origin: originOf(msg.approvedBy),
        timestampSource: 'operator',
      },
    ],
  };
}
