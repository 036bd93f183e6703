// Codes of production order release: validation against master data and dispatch.
import { defineCodes } from '../error-code-entry.ts';

export const orderCodes = defineCodes({
  MW_ORDER_REJECTED: {
    status: 422,
    retryable: false,
    summary: 'A production order failed validation against master data; nothing was dispatched.',
    action:
      'Read data.problems: every problem is listed with its path and code; fix the order or load the missing master data, then release again.',
  },
  MW_ORDER_UNKNOWN_MATERIAL: {
    status: 422,
    retryable: false,
    summary: 'The order or one of its BOM components names a material not in master data.',
    action: 'Load the material into master data (masterdata.load) or correct the material code.',
  },
  MW_ORDER_UNKNOWN_ROUTING: {
    status: 422,
    retryable: false,
    summary: 'The order names a routing that master data does not know.',
    action: 'Load the routing into master data or correct the routing id.',
  },
  MW_ORDER_ROUTING_NOT_CURRENT: {
    status: 422,
    retryable: false,
    summary: 'The order uses a routing revision that is not the current one.',
    action:
      'Re-explode the order in ERP with the current routing revision, or load the newer revision.',
  },
  MW_ORDER_UNKNOWN_WORK_CENTER: {
    status: 422,
    retryable: false,
    summary: 'An operation is planned on a work center that master data does not know.',
    action: 'Add the work center to master data or correct the routing.',
  },
  MW_ORDER_UNIT_NOT_CONVERTIBLE: {
    status: 422,
    retryable: false,
    summary: "A quantity's unit cannot be converted to the material's base unit.",
    action: 'Use a unit of the same dimension as the base unit (see docs/errors.md MW_UOM_*).',
  },
  MW_ORDER_BOM_INCONSISTENT: {
    status: 422,
    retryable: false,
    summary:
      'The BOM or quality instructions do not fit the routing (unknown operation, duplicate item).',
    action: 'Correct the BOM item or quality instruction named in the problem path.',
  },
  MW_ORDER_SCHEDULE_INVALID: {
    status: 422,
    retryable: false,
    summary: 'The scheduled end is not after the scheduled start.',
    action: 'Correct the order dates in ERP and release again.',
  },
  MW_ORDER_WRONG_PLANT: {
    status: 422,
    retryable: false,
    summary: 'The order belongs to another plant than the master data it is validated against.',
    action: 'Release the order to the nodes of its own plant.',
  },
  MW_ORDER_CONFLICT: {
    status: 409,
    retryable: false,
    summary: 'The order was already released with different content.',
    action:
      'Changes to a released order are a new order or an ERP change document; release under a new order number.',
  },
  MW_ORDER_DISPATCH_FAILED: {
    status: 503,
    retryable: true,
    summary: 'The order is valid but could not be handed to its work-center actor yet.',
    action:
      'Retry the release (it is idempotent per order); check that a workcenter.host node is running.',
  },
});
