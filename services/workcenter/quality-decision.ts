// `workcenter.host.recordQualityDecision`: a QMS usage decision (from the QMS connector's
// lot-status consumer, or an operator) validated with zod and routed to the actor that owns
// the lot; every call is written to the node's audit log with what the actor made of it
// (applied, duplicate, refused). No rules here: the actor decides (actors/workcenter).
import type { ServiceBroker } from 'moleculer';
import { z } from 'zod';
import { actorKey, type QualityDecidedReply } from '../../actors/index.ts';
import {
  IsoTimestamp,
  isMillwrightError,
  LotId,
  MaterialCode,
  MillwrightError,
  parseWith,
  PlantId,
  WorkCenterId,
} from '../../contracts/index.ts';
import type { AuditLog } from '../platform/index.ts';
import type { Caller } from './business-actions.ts';
import { tellWorkCenter, type TellResult } from './routing.ts';

const ACTION = 'workcenter.host.recordQualityDecision';

/** What the QMS connector sends (services/qms.connector.service.ts, lotStatusParams). */
export const RecordQualityDecisionParams = z.strictObject({
  plant: PlantId,
  workCenter: WorkCenterId,
  lot: LotId,
  material: MaterialCode,
  status: z.enum(['released', 'rejected']),
  disposition: z.enum(['blocked', 'scrap']).optional(),
  inspectionLot: z.string().min(1).max(64),
  /** The decision event's id: the same id twice is one decision. */
  eventId: z.string().min(1).max(128),
  occurredAt: IsoTimestamp,
});
export type RecordQualityDecisionParams = z.infer<typeof RecordQualityDecisionParams>;

export async function recordQualityDecision(
  broker: ServiceBroker,
  audit: AuditLog | undefined,
  raw: unknown,
  caller: Caller,
): Promise<TellResult> {
  if (audit === undefined) {
    throw new MillwrightError(
      'MW_PLATFORM_INTERNAL',
      'quality decisions are refused on a node without an audit log',
      { action: ACTION },
    );
  }
  const p = parseWith(RecordQualityDecisionParams, raw, ACTION);
  const record = {
    actor: caller.actor,
    action: ACTION,
    target: `${p.plant}/${p.workCenter} ${p.lot}`,
    correlationId: caller.correlationId,
  };
  const details = {
    eventId: p.eventId,
    inspectionLot: p.inspectionLot,
    status: p.status,
    ...(p.disposition === undefined ? {} : { disposition: p.disposition }),
  };
  try {
    const { plant, workCenter, ...decision } = p;
    const result = await tellWorkCenter(broker, actorKey(plant, workCenter), {
      kind: 'quality.decided',
      ...decision,
      decidedBy: caller.actor,
      correlationId: caller.correlationId,
    });
    const reply = result.reply as QualityDecidedReply;
    const outcome = reply.duplicate ? 'duplicate' : `${p.status}: ${reply.lot.status}`;
    audit.append({ ...record, outcome, details });
    return result;
  } catch (error) {
    const outcome = isMillwrightError(error) ? `failed: ${error.type}` : 'failed';
    audit.append({ ...record, outcome, details });
    throw error;
  }
}
