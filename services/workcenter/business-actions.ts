// The business actions of `workcenter.host`: each validates its params with zod at the
// boundary, builds the work-center message and routes it to the owning actor like `tell`.
// Approvals are written to the node's audit log, refused ones included. No business rules
// here: the actor decides (actors/workcenter).
import type { ServiceBroker } from 'moleculer';
import { z } from 'zod';
import { actorKey, type WorkCenterMessage } from '../../actors/index.ts';
import {
  IsoTimestamp,
  isMillwrightError,
  LotId,
  MillwrightError,
  parseWith,
  PlantId,
  ProductionOrder,
  ProductionOrderId,
  ReasonCode,
  SourceId,
  UnitCode,
  WorkCenterId,
} from '../../contracts/index.ts';
import type { AuditLog } from '../platform/index.ts';
import { tellWorkCenter, type TellResult } from './routing.ts';

/** Who called and under which correlation id (from ctx.meta). */
export interface Caller {
  readonly actor: string;
  readonly correlationId: string;
}

const place = { plant: PlantId, workCenter: WorkCenterId };
const BomItem = z.string().regex(/^\d{1,4}$/, 'BOM item is 1-4 digits, e.g. "0010"');

export const ReleaseOrderParams = z.strictObject({ ...place, order: ProductionOrder });
export const RecordConsumptionParams = z.strictObject({
  ...place,
  source: SourceId,
  sourceSeq: z.int().positive(),
  via: z.enum(['scan', 'mes']).default('scan'),
  order: ProductionOrderId.optional(),
  bomItem: BomItem,
  quantity: z.strictObject({ value: z.number().positive(), unit: UnitCode }),
  lot: LotId.optional(),
  occurredAt: IsoTimestamp,
});
export const CompleteOperationParams = z.strictObject({
  ...place,
  order: ProductionOrderId.optional(),
  occurredAt: IsoTimestamp.optional(),
});
export const ApproveConsumptionParams = z.strictObject({
  ...place,
  bomItem: BomItem,
  order: ProductionOrderId.optional(),
  /** Corrected quantity in the BOM line's unit; default the recorded one. */
  quantity: z.number().nonnegative().optional(),
});
export const ReportMachineStateParams = z.strictObject({
  ...place,
  source: SourceId,
  sourceSeq: z.int().positive(),
  state: z.enum(['running', 'idle', 'down', 'planned-stop']),
  reason: ReasonCode.optional(),
  /** Root to leaf; looked up in master data (masterdata.reasonPath) when left out. */
  reasonPath: z.array(ReasonCode).min(1).max(16).optional(),
  occurredAt: IsoTimestamp,
});

const route = (
  broker: ServiceBroker,
  at: { plant: string; workCenter: string },
  message: WorkCenterMessage,
): Promise<TellResult> => tellWorkCenter(broker, actorKey(at.plant, at.workCenter), message);

export function releaseOrder(broker: ServiceBroker, raw: unknown, caller: Caller) {
  const p = parseWith(ReleaseOrderParams, raw, 'workcenter.host.releaseOrder');
  if (p.order.plant !== p.plant) {
    throw new MillwrightError(
      'MW_WORKCENTER_ORDER_NOT_HERE',
      `order ${p.order.order} is for plant ${p.order.plant}, not ${p.plant}`,
      { order: p.order.order, plant: p.plant, workCenter: p.workCenter },
    );
  }
  return route(broker, p, {
    kind: 'order.released',
    order: p.order,
    correlationId: caller.correlationId,
  });
}

export function recordConsumption(broker: ServiceBroker, raw: unknown, caller: Caller) {
  const { plant, workCenter, ...input } = parseWith(
    RecordConsumptionParams,
    raw,
    'workcenter.host.recordConsumption',
  );
  return route(
    broker,
    { plant, workCenter },
    { kind: 'consumption.recorded', ...input, correlationId: caller.correlationId },
  );
}

export function completeOperation(broker: ServiceBroker, raw: unknown, caller: Caller) {
  const { plant, workCenter, ...input } = parseWith(
    CompleteOperationParams,
    raw,
    'workcenter.host.completeOperation',
  );
  return route(
    broker,
    { plant, workCenter },
    {
      kind: 'operation.completeRequested',
      ...input,
      requestedBy: caller.actor,
      correlationId: caller.correlationId,
    },
  );
}

export async function approveConsumption(
  broker: ServiceBroker,
  audit: AuditLog | undefined,
  raw: unknown,
  caller: Caller,
) {
  if (audit === undefined) {
    throw new MillwrightError(
      'MW_PLATFORM_INTERNAL',
      'approvals are refused on a node without an audit log',
      { action: 'workcenter.host.approveConsumption' },
    );
  }
  const p = parseWith(ApproveConsumptionParams, raw, 'workcenter.host.approveConsumption');
  const record = {
    actor: caller.actor,
    action: 'workcenter.host.approveConsumption',
    target: `${p.plant}/${p.workCenter} ${p.order ?? '*'}/${p.bomItem}`,
    correlationId: caller.correlationId,
  };
  try {
    const result = await route(broker, p, {
      kind: 'consumption.approved',
      bomItem: p.bomItem,
      approvedBy: caller.actor,
      correlationId: caller.correlationId,
      ...(p.order === undefined ? {} : { order: p.order }),
      ...(p.quantity === undefined ? {} : { correctedQuantity: p.quantity }),
    });
    const approved = (result.reply as { approved?: { order?: string } } | undefined)?.approved;
    const target = `${p.plant}/${p.workCenter} ${approved?.order ?? '*'}/${p.bomItem}`;
    audit.append({ ...record, target, outcome: 'ok', details: result.reply });
    return result;
  } catch (error) {
    const outcome = isMillwrightError(error) ? `failed: ${error.type}` : 'failed';
    audit.append({ ...record, outcome });
    throw error;
  }
}

export async function reportMachineState(broker: ServiceBroker, raw: unknown, caller: Caller) {
  const { plant, workCenter, reason, reasonPath, ...input } = parseWith(
    ReportMachineStateParams,
    raw,
    'workcenter.host.reportMachineState',
  );
  const path =
    reason === undefined || reasonPath !== undefined
      ? reasonPath
      : await lookUpReasonPath(broker, plant, reason);
  return route(
    broker,
    { plant, workCenter },
    {
      kind: 'machine.stateChanged',
      ...input,
      ...(reason === undefined ? {} : { reason }),
      ...(path === undefined ? {} : { reasonPath: path }),
      correlationId: caller.correlationId,
    },
  );
}

/** The reason's path in the plant's reason-code tree, from the master data service. */
async function lookUpReasonPath(
  broker: ServiceBroker,
  plant: string,
  reason: ReasonCode,
): Promise<ReasonCode[]> {
  const path = await broker.call<string[], object>('masterdata.reasonPath', {
    plant,
    code: reason,
  });
  if (path.length === 0) {
    throw new MillwrightError(
      'MW_WORKCENTER_UNKNOWN_REASON',
      `reason code ${reason} is not in the reason-code tree of plant ${plant}`,
      { plant, reason },
    );
  }
  return path as ReasonCode[];
}
