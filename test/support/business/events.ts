// Valid business events for tests, with deterministic ids (contracts/event-id.ts), so a test
// can build the same event twice and expect the lane or ERP to see it once.
import {
  deriveEventId,
  type AnyBusinessEvent,
  type DowntimeRecorded,
  type GoodsReceived,
  type MaterialConsumed,
  type OperationConfirmed,
  type QualityHold,
  type QualityRejected,
  type QualityReleased,
  type ScrapDeclared,
} from '../../../contracts/index.ts';

export interface Placement {
  readonly plant?: string;
  readonly workCenter: string;
  readonly sequence: number;
  readonly ordinal?: number;
  readonly occurredAt?: string;
}

function envelope<T extends string>(type: T, p: Placement) {
  const plant = p.plant ?? 'P100';
  const at = p.occurredAt ?? '2025-03-14T10:00:00.000Z';
  const eventId = deriveEventId({
    plant,
    workCenter: p.workCenter,
    sequence: p.sequence,
    type,
    ordinal: p.ordinal ?? 0,
  });
  return {
    eventId,
    type,
    schemaVersion: 1 as const,
    correlationId: `corr-${p.workCenter}-${p.sequence}`,
    causationId: `frame-${p.sequence}`,
    plant,
    workCenter: p.workCenter,
    sequence: p.sequence,
    occurredAt: at,
    recordedAt: at,
    timestampSource: 'actor' as const,
    origin: { kind: 'system' as const, id: 'test' },
    status: 'recorded' as const,
  };
}

export function materialConsumed(
  p: Placement & { material?: string; quantity?: number; order?: string; lot?: string },
): MaterialConsumed {
  const order = p.order ?? '1000001';
  return {
    ...envelope('material.consumed.v1', p),
    productionOrder: order,
    payload: {
      order,
      bomItem: '0010',
      material: p.material ?? 'RM-STEEL',
      ...(p.lot === undefined ? {} : { lot: p.lot }),
      quantity: { value: p.quantity ?? 2.5, unit: 'kg' },
      source: 'backflush',
    },
  } as MaterialConsumed;
}

export function operationConfirmed(
  p: Placement & {
    order?: string;
    operation?: string;
    yieldQty?: number;
    scrapQty?: number;
    reworkQty?: number;
    startedAt?: string;
    finishedAt?: string;
  },
): OperationConfirmed {
  const order = p.order ?? '1000001';
  const operation = p.operation ?? '0010';
  return {
    ...envelope('operation.confirmed.v1', p),
    productionOrder: order,
    operation,
    payload: {
      order,
      operation,
      yield: { value: p.yieldQty ?? 100, unit: 'ea' },
      scrap: { value: p.scrapQty ?? 2, unit: 'ea' },
      rework: { value: p.reworkQty ?? 1, unit: 'ea' },
      finalConfirmation: true,
      startedAt: p.startedAt ?? '2025-03-14T08:00:00.000Z',
      finishedAt: p.finishedAt ?? '2025-03-14T10:00:00.000Z',
    },
  } as OperationConfirmed;
}

export function downtimeRecorded(
  p: Placement & { startedAt: string; endedAt: string; reason: string; planned: boolean },
): DowntimeRecorded {
  return {
    ...envelope('downtime.recorded.v1', { ...p, occurredAt: p.occurredAt ?? p.endedAt }),
    payload: {
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      durationMs: Date.parse(p.endedAt) - Date.parse(p.startedAt),
      reason: p.reason,
      reasonPath: p.planned ? ['PLANNED', p.reason] : ['DOWN', p.reason],
      planned: p.planned,
    },
  } as DowntimeRecorded;
}

export function goodsReceived(
  p: Placement & {
    material?: string;
    quantity?: number;
    lot?: string;
    restricted?: boolean;
    order?: string;
  },
): GoodsReceived {
  const order = p.order ?? '1000001';
  return {
    ...envelope('goods.received.v1', p),
    productionOrder: order,
    payload: {
      order,
      material: p.material ?? 'FG-BRACKET',
      lot: p.lot ?? `LOT-${p.sequence}`,
      quantity: { value: p.quantity ?? 100, unit: 'ea' },
      stockStatus: p.restricted === true ? 'restricted' : 'unrestricted',
    },
  } as GoodsReceived;
}

export function scrapDeclared(
  p: Placement & { material?: string; quantity?: number },
): ScrapDeclared {
  return {
    ...envelope('scrap.declared.v1', p),
    payload: {
      material: p.material ?? 'FG-BRACKET',
      quantity: { value: p.quantity ?? 3, unit: 'ea' },
      reason: 'SCR-DIM',
    },
  } as ScrapDeclared;
}

export function qualityHold(
  p: Placement & { lot: string; quantity?: number; material?: string; order?: string },
): QualityHold {
  const order = p.order ?? '1000001';
  return {
    ...envelope('quality.hold.v1', p),
    productionOrder: order,
    status: 'held',
    payload: {
      order,
      material: p.material ?? 'FG-BRACKET',
      lot: p.lot,
      quantity: { value: p.quantity ?? 100, unit: 'ea' },
      instruction: 'QI-1',
      reason: 'inspection required: pressure test',
    },
  } as QualityHold;
}

export function qualityReleased(p: Placement & { lot: string }): QualityReleased {
  return {
    ...envelope('quality.released.v1', p),
    payload: {
      material: 'FG-BRACKET',
      lot: p.lot,
      quantity: { value: 100, unit: 'ea' },
      inspectionLot: `IL-${p.lot}`,
    },
  } as QualityReleased;
}

export function qualityRejected(
  p: Placement & { lot: string; disposition: 'blocked' | 'scrap' },
): QualityRejected {
  return {
    ...envelope('quality.rejected.v1', p),
    payload: {
      material: 'FG-BRACKET',
      lot: p.lot,
      quantity: { value: 100, unit: 'ea' },
      inspectionLot: `IL-${p.lot}`,
      disposition: p.disposition,
      reason: 'dimension out of tolerance',
    },
  } as QualityRejected;
}

/** A mix of ERP-relevant events over `workCenters` work centers, `perWorkCenter` each. */
export function eventMix(workCenters: number, perWorkCenter: number): AnyBusinessEvent[] {
  const events: AnyBusinessEvent[] = [];
  for (let s = 1; s <= perWorkCenter; s += 1) {
    for (let w = 1; w <= workCenters; w += 1) {
      const workCenter = `WC-${String(w).padStart(2, '0')}`;
      const kind = s % 3;
      if (kind === 1) events.push(operationConfirmed({ workCenter, sequence: s }));
      else if (kind === 2) events.push(materialConsumed({ workCenter, sequence: s, quantity: s }));
      else events.push(goodsReceived({ workCenter, sequence: s, quantity: s }));
    }
  }
  return events;
}
