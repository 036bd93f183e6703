// The closed message protocol of the work-center actor. Every message is validated at the
// boundary (host, REPL) with these schemas; inside, the behaviour switches exhaustively on
// `kind`. Inputs from devices and MES carry `source` + `sourceSeq` (one sequence per source
// across all kinds); the actor keeps the set of numbers it applied, so a re-sent input has no
// second effect and a late one (sent after newer ones) still has its first.
import { z } from 'zod';
import {
  IsoTimestamp,
  LotId,
  MaterialCode,
  ProductionOrder,
  ProductionOrderId,
  ReasonCode,
  SourceId,
  UnitCode,
  type ErrorCode,
} from '../../contracts/index.ts';
import { MachineStateName } from './rules/index.ts';

const CorrelationId = z.string().min(1).max(128);
/** A source numbers its inputs 1, 2, 3, ...: the actor's seen-set starts below 1 (state.ts). */
const SourceSeq = z.int().positive();
/** Who asked: an API key id, a JWT subject, "repl:<user>", "system". */
const Caller = z.string().min(1).max(128);
const BomItem = z.string().regex(/^\d{1,4}$/, 'BOM item is 1-4 digits, e.g. "0010"');

/**
 * Counter deltas from one input (a counter read, an MES report): `source` numbers its inputs
 * with `sourceSeq`, strictly increasing, so a re-sent input (after a failover) is recognised
 * and has no second effect.
 */
export const CountsReported = z.strictObject({
  kind: z.literal('counts.reported'),
  source: SourceId,
  sourceSeq: SourceSeq,
  good: z.int().nonnegative(),
  scrap: z.int().nonnegative(),
  occurredAt: IsoTimestamp,
  material: MaterialCode.optional(),
  scrapReason: ReasonCode.optional(),
  correlationId: CorrelationId.optional(),
});
export type CountsReported = z.infer<typeof CountsReported>;

/**
 * One telemetry frame of a stream, aggregated on its own (decision 0404): `source` is the
 * frame's source, `sourceSeq` its frameSeq (1, 2, 3, ... per stream; frames may arrive in any
 * order). Sent for every frame, counts or not, so the seen-set stays dense. The machine state
 * is the frame's latest state reading, with its own time: it is applied only if not older than
 * the actor's current state (a backlog frame arriving after live ones changes nothing).
 */
export const FrameApplied = z
  .strictObject({
    kind: z.literal('frame.applied'),
    source: SourceId,
    sourceSeq: SourceSeq,
    good: z.int().nonnegative(),
    scrap: z.int().nonnegative(),
    state: z.enum(['running', 'idle']).optional(),
    stateAt: IsoTimestamp.optional(),
    /** Newest sample time of the frame. */
    occurredAt: IsoTimestamp,
    correlationId: CorrelationId.optional(),
  })
  .refine((msg) => (msg.state === undefined) === (msg.stateAt === undefined), {
    path: ['stateAt'],
    error: 'state and stateAt go together',
  });
export type FrameApplied = z.infer<typeof FrameApplied>;

/** Asks for the current counts; changes nothing. */
export const CountsRequested = z.strictObject({ kind: z.literal('counts.requested') });
export type CountsRequested = z.infer<typeof CountsRequested>;

/** An accepted order for this work center (orders.release dispatches it); idempotent per order. */
export const OrderReleasedMessage = z.strictObject({
  kind: z.literal('order.released'),
  order: ProductionOrder,
  correlationId: CorrelationId,
});
export type OrderReleasedMessage = z.infer<typeof OrderReleasedMessage>;

/** A component consumption from a scanner or the MES, booked to the running operation. */
export const ConsumptionRecorded = z.strictObject({
  kind: z.literal('consumption.recorded'),
  source: SourceId,
  sourceSeq: SourceSeq,
  via: z.enum(['scan', 'mes']),
  /** When given, must be the running order. */
  order: ProductionOrderId.optional(),
  bomItem: BomItem,
  /** Any unit convertible to the BOM line's unit. */
  quantity: z.strictObject({ value: z.number().positive(), unit: UnitCode }),
  lot: LotId.optional(),
  occurredAt: IsoTimestamp,
  correlationId: CorrelationId.optional(),
});
export type ConsumptionRecorded = z.infer<typeof ConsumptionRecorded>;

/** Completes the running operation now, target reached or not. */
export const CompleteRequested = z.strictObject({
  kind: z.literal('operation.completeRequested'),
  order: ProductionOrderId.optional(),
  requestedBy: Caller,
  /** When the operation finished; default the actor's clock. */
  occurredAt: IsoTimestamp.optional(),
  correlationId: CorrelationId.optional(),
});
export type CompleteRequested = z.infer<typeof CompleteRequested>;

/** Approves a consumption held for review, as recorded or with a corrected quantity. */
export const ConsumptionApproved = z.strictObject({
  kind: z.literal('consumption.approved'),
  bomItem: BomItem,
  /** Needed only when the same BOM item is held for several orders. */
  order: ProductionOrderId.optional(),
  /** In the BOM line's unit; default the recorded quantity. */
  correctedQuantity: z.number().nonnegative().optional(),
  approvedBy: Caller,
  occurredAt: IsoTimestamp.optional(),
  correlationId: CorrelationId.optional(),
});
export type ConsumptionApproved = z.infer<typeof ConsumptionApproved>;

/**
 * The QMS decided a lot in quality inspection: released to unrestricted stock, or rejected to
 * blocked / scrap. Idempotent by `eventId` (the QMS connector's decision event); it records
 * the status only: the connector's own event is the one ERP posts.
 */
export const QualityDecided = z
  .strictObject({
    kind: z.literal('quality.decided'),
    lot: LotId,
    material: MaterialCode,
    status: z.enum(['released', 'rejected']),
    disposition: z.enum(['blocked', 'scrap']).optional(),
    inspectionLot: z.string().min(1).max(64),
    eventId: z.string().min(1).max(128),
    occurredAt: IsoTimestamp,
    decidedBy: Caller,
    correlationId: CorrelationId.optional(),
  })
  .superRefine((msg, check) => {
    if (msg.status === 'rejected' && msg.disposition === undefined) {
      check.addIssue({
        code: 'custom',
        path: ['disposition'],
        message: 'a rejection names its disposition: blocked or scrap',
      });
    }
    if (msg.status === 'released' && msg.disposition !== undefined) {
      check.addIssue({
        code: 'custom',
        path: ['disposition'],
        message: 'a release has no disposition',
      });
    }
  });
export type QualityDecided = z.infer<typeof QualityDecided>;

const stops = new Set(['down', 'planned-stop']);

/** The machine entered a state; a stop names its reason and the reason's path (root first). */
export const MachineStateChanged = z
  .strictObject({
    kind: z.literal('machine.stateChanged'),
    source: SourceId,
    sourceSeq: SourceSeq,
    state: MachineStateName,
    reason: ReasonCode.optional(),
    reasonPath: z.array(ReasonCode).min(1).max(16).optional(),
    occurredAt: IsoTimestamp,
    correlationId: CorrelationId.optional(),
  })
  .superRefine((msg, check) => {
    const stop = stops.has(msg.state);
    if (stop && (msg.reason === undefined || msg.reasonPath === undefined)) {
      check.addIssue({
        code: 'custom',
        path: ['reasonPath'],
        message: `a ${msg.state} state needs its reason and reasonPath`,
      });
    }
    if (!stop && (msg.reason !== undefined || msg.reasonPath !== undefined)) {
      check.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `a ${msg.state} state has no reason`,
      });
    }
    if (msg.reasonPath !== undefined && msg.reasonPath.at(-1) !== msg.reason) {
      check.addIssue({
        code: 'custom',
        path: ['reasonPath'],
        message: 'reasonPath must end with reason',
      });
    }
  });
export type MachineStateChanged = z.infer<typeof MachineStateChanged>;

export const WorkCenterMessage = z.discriminatedUnion('kind', [
  CountsReported,
  FrameApplied,
  CountsRequested,
  OrderReleasedMessage,
  ConsumptionRecorded,
  CompleteRequested,
  ConsumptionApproved,
  MachineStateChanged,
  QualityDecided,
]);
export type WorkCenterMessage = z.infer<typeof WorkCenterMessage>;

/**
 * The reply to `counts.reported`, `frame.applied`, `consumption.recorded`,
 * `machine.stateChanged` and `quality.decided`.
 */
export interface CountsReply {
  readonly accepted: boolean;
  /** Why not: the source's input with this number was applied before. */
  readonly duplicate: boolean;
}

/**
 * The reply when a business rule refuses a message (no state change, nothing emitted). The
 * host turns it into the MillwrightError it describes, so callers get MW_WORKCENTER_* errors.
 */
export interface Rejection {
  readonly rejected: { readonly type: ErrorCode; readonly message: string; readonly data: unknown };
}

export function isRejection(reply: unknown): reply is Rejection {
  return typeof reply === 'object' && reply !== null && 'rejected' in reply;
}
