// A QMS usage decision as the business event it means: quality.released.v1 (accepted) or
// quality.rejected.v1 (blocked or scrap), in the envelope of the hold it answers: same plant,
// work center, order, correlation id and actor sequence; caused by the hold; timed by the QMS.
// The id is derived from the hold's id and the type, so publishing it twice adds nothing.
import {
  deriveFollowUpEventId,
  QualityRejected,
  QualityReleased,
  SCHEMA_VERSION,
  parseWith,
  type QualityHold,
} from '../../contracts/index.ts';
import type { UsageDecision } from './qms-api.ts';

export function decisionEvent(
  hold: QualityHold,
  decision: UsageDecision,
  recordedAt: Date,
): QualityReleased | QualityRejected {
  const released = decision.decision === 'accepted';
  const type = released ? 'quality.released.v1' : 'quality.rejected.v1';
  const { order, material, lot, quantity } = hold.payload;
  const envelope = {
    eventId: deriveFollowUpEventId(hold.eventId, type),
    schemaVersion: SCHEMA_VERSION,
    type,
    correlationId: hold.correlationId,
    causationId: hold.eventId,
    plant: hold.plant,
    workCenter: hold.workCenter,
    ...(hold.productionOrder === undefined ? {} : { productionOrder: hold.productionOrder }),
    ...(hold.operation === undefined ? {} : { operation: hold.operation }),
    sequence: hold.sequence,
    occurredAt: decision.decidedAt,
    recordedAt: recordedAt.toISOString(),
    timestampSource: 'qms',
    origin: { kind: 'operator', id: decision.decidedBy.slice(0, 128) || 'QMS' },
    status: 'recorded',
  };
  const payload = {
    ...(order === undefined ? {} : { order }),
    material,
    lot,
    quantity,
    inspectionLot: decision.inspectionLot,
  };
  if (released) return parseWith(QualityReleased, { ...envelope, payload }, type);
  return parseWith(
    QualityRejected,
    {
      ...envelope,
      payload: {
        ...payload,
        disposition: decision.disposition ?? 'blocked',
        reason: decision.reason.slice(0, 500),
      },
    },
    type,
  );
}
