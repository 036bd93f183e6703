// Codes of the QMS connector (qms.connector): inspection lots created in the quality system
// from quality.hold.v1, and the decisions that come back as quality.released / rejected.
import { defineCodes } from '../error-code-entry.ts';

export const qmsCodes = defineCodes({
  MW_QMS_UNAVAILABLE: {
    status: 503,
    retryable: true,
    summary:
      'The QMS answered with a server error (5xx), did not answer in time or was unreachable.',
    action:
      'Nothing to do for the hold: it is retried with backoff (the event id keeps the inspection lot single); check the QMS if it lasts.',
  },
  MW_QMS_REJECTED: {
    status: 422,
    retryable: false,
    summary:
      'The QMS refused to create the inspection lot (a 4xx answer: unknown material, bad data).',
    action:
      'Read the QMS message in the dead letter of consumer "qms", fix the QMS master data, then replay.',
  },
  MW_QMS_UNKNOWN_INSPECTION_LOT: {
    status: 404,
    retryable: false,
    summary: 'A QMS decision names an inspection lot that no quality hold of this plant created.',
    action:
      'Nothing is posted for it; check whether the lot was created by hand in the QMS and decide it there.',
  },
  MW_QMS_LOT_STATUS_WAITING: {
    status: 503,
    retryable: true,
    summary:
      'No work-center host takes quality decisions (workcenter.host.recordQualityDecision) right now.',
    action:
      'Nothing to do: the decision is kept and told to the actor when a host runs; start the actors group if none does.',
  },
});
