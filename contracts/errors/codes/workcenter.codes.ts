// Codes of the work-center business rules: orders, consumption, completion, reviews, lots.
import { defineCodes } from '../error-code-entry.ts';

export const workcenterCodes = defineCodes({
  MW_WORKCENTER_NO_ACTIVE_ORDER: {
    status: 409,
    retryable: false,
    summary: 'The work center has no released order running, so the input cannot be booked to one.',
    action:
      'Release the order to the work center (orders.release) first, or check the work center code.',
  },
  MW_WORKCENTER_ORDER_NOT_HERE: {
    status: 422,
    retryable: false,
    summary: 'The order has no operation on this work center.',
    action: 'Release the order to the work centers of its routing only.',
  },
  MW_WORKCENTER_UNKNOWN_BOM_ITEM: {
    status: 422,
    retryable: false,
    summary: 'A consumption names a BOM item that the running operation does not consume.',
    action:
      'Scan against a BOM item of the running operation (see the order in the REPL: actor <key>).',
  },
  MW_WORKCENTER_NOTHING_HELD: {
    status: 404,
    retryable: false,
    summary: 'No consumption of that BOM item is held for review.',
    action: 'List held consumptions (actor <key>) and approve one that is there.',
  },
  MW_WORKCENTER_ORDER_NOT_ACTIVE: {
    status: 409,
    retryable: false,
    summary: 'The input names an order that is not the one running on the work center.',
    action:
      'Book to the running order (actor <key> shows it), or complete the running operation first.',
  },
  MW_WORKCENTER_APPROVAL_AMBIGUOUS: {
    status: 409,
    retryable: false,
    summary: 'Consumptions of that BOM item are held for more than one order.',
    action: 'Name the order in the approval (order parameter).',
  },
  MW_WORKCENTER_STATE_OUT_OF_ORDER: {
    status: 409,
    retryable: false,
    summary:
      'A machine state change is dated before the start of the state the work center is already in.',
    action:
      'Send machine states in the order they happened, with source timestamps; check the source clock.',
  },
  MW_WORKCENTER_UNKNOWN_REASON: {
    status: 422,
    retryable: false,
    summary: "A downtime reason code is not in the plant's reason-code tree (master data).",
    action: 'Use a reason code of the loaded master data, or load master data that defines it.',
  },
  MW_WORKCENTER_UNKNOWN_LOT: {
    status: 404,
    retryable: false,
    summary:
      'A quality decision names a lot (or material) the work center did not produce, or produced too long ago to keep.',
    action:
      'Check the lot and work center of the decision (actor lots <key> lists the lots); a lot decided in the QMS for another work center belongs to that one.',
  },
  MW_WORKCENTER_LOT_NOT_RESTRICTED: {
    status: 409,
    retryable: false,
    summary:
      'A quality decision arrived for a lot that is not in quality inspection: received unrestricted, or decided by an earlier decision.',
    action:
      'Look at the lot (actor lots <key>): a second decision for one inspection lot needs a correction in the QMS and ERP, not a replay.',
  },
});
