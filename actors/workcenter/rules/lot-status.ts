// The lots this work center produced and their stock status: received restricted (awaiting
// inspection) or unrestricted at completion; the QMS decision moves a restricted lot to
// unrestricted (released) or to blocked / scrap (rejected), once per decision event id.
// Emits nothing: the QMS connector's own quality event is the one ERP posts (docs/qms.md).
import { z } from 'zod';
import { MillwrightError } from '../../../contracts/index.ts';

export const LotStockStatus = z.enum(['unrestricted', 'restricted', 'blocked', 'scrap']);
export type LotStockStatus = z.infer<typeof LotStockStatus>;

export const LotDecision = z.strictObject({
  /** The QMS connector's quality.released.v1 / quality.rejected.v1 event id (idempotency key). */
  eventId: z.string(),
  outcome: z.enum(['released', 'rejected']),
  inspectionLot: z.string(),
  decidedAt: z.string(),
});
export type LotDecision = z.infer<typeof LotDecision>;

export const ProducedLot = z.strictObject({
  lot: z.string(),
  material: z.string(),
  order: z.string(),
  operation: z.string(),
  quantity: z.strictObject({ value: z.number().nonnegative(), unit: z.string() }),
  status: LotStockStatus,
  receivedAt: z.string(),
  decision: LotDecision.nullable(),
});
export type ProducedLot = z.infer<typeof ProducedLot>;

/** Lots no longer awaiting a decision that are kept (newest), so a late repeat is recognised. */
export const SETTLED_LOTS_KEPT = 32;

/** Adds a lot received at completion (a repeated lot number replaces nothing). */
export function receiveLot(lots: readonly ProducedLot[], lot: ProducedLot): ProducedLot[] {
  if (lots.some((known) => known.lot === lot.lot)) return [...lots];
  return pruneLots([...lots, lot]);
}

/** Keeps every restricted lot and the newest SETTLED_LOTS_KEPT of the others. */
export function pruneLots(lots: readonly ProducedLot[]): ProducedLot[] {
  const settled = lots.filter((lot) => lot.status !== 'restricted');
  const drop = new Set(settled.slice(0, Math.max(0, settled.length - SETTLED_LOTS_KEPT)));
  return lots.filter((lot) => !drop.has(lot));
}

export interface QualityDecisionInput {
  readonly lot: string;
  readonly material: string;
  readonly status: 'released' | 'rejected';
  readonly disposition?: 'blocked' | 'scrap' | undefined;
  readonly inspectionLot: string;
  readonly eventId: string;
  readonly occurredAt: string;
}

export interface LotDecided {
  readonly lots: ProducedLot[];
  readonly lot: ProducedLot;
  /** The same decision event was applied before: nothing changed. */
  readonly duplicate: boolean;
}

/** Applies a QMS decision to a restricted lot; refuses an unknown lot or a settled one. */
export function decideLot(
  lots: readonly ProducedLot[],
  input: QualityDecisionInput,
  where: { plant: string; workCenter: string },
): LotDecided {
  const index = lots.findIndex((known) => known.lot === input.lot);
  const known = lots[index];
  if (known?.material !== input.material) {
    throw new MillwrightError(
      'MW_WORKCENTER_UNKNOWN_LOT',
      known === undefined
        ? `lot ${input.lot} was not produced on ${where.plant}/${where.workCenter} (or is too old to be kept)`
        : `lot ${input.lot} on ${where.plant}/${where.workCenter} is of material ${known.material}, not ${input.material}`,
      { ...where, lot: input.lot, material: input.material, known: known?.material ?? null },
    );
  }
  if (known.decision?.eventId === input.eventId)
    return { lots: [...lots], lot: known, duplicate: true };
  if (known.status !== 'restricted') {
    throw new MillwrightError(
      'MW_WORKCENTER_LOT_NOT_RESTRICTED',
      `lot ${input.lot} is ${known.status}, not in quality inspection: ${input.status} refused`,
      {
        ...where,
        lot: input.lot,
        status: known.status,
        decidedBy: known.decision?.eventId ?? null,
        eventId: input.eventId,
      },
    );
  }
  const status: LotStockStatus =
    input.status === 'released' ? 'unrestricted' : (input.disposition ?? 'blocked');
  const decided: ProducedLot = {
    ...known,
    status,
    decision: {
      eventId: input.eventId,
      outcome: input.status,
      inspectionLot: input.inspectionLot,
      decidedAt: input.occurredAt,
    },
  };
  const next = lots.map((lot, i) => (i === index ? decided : lot));
  return { lots: pruneLots(next), lot: decided, duplicate: false };
}
