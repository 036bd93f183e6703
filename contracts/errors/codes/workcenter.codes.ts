// Codes of the work-center business rules: orders, consumption, completion, reviews.
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
});
