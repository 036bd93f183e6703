// `actor lots <key>`: the lots a work center produced and their stock status (restricted while
// in quality inspection; unrestricted, blocked or scrap after the QMS decision), asked of the
// actor's owner. Rendering is pure (tested); the action only fetches and prints.
import type { ServiceBroker } from 'moleculer';
import { ownerOf, type ProducedLot } from '../../../actors/index.ts';
import { hostNodes, HOST_SERVICE } from '../../workcenter/membership.ts';
import { padTable } from './table.ts';

export function renderLots(key: string, lots: readonly ProducedLot[]): string {
  const header = ['LOT', 'MATERIAL', 'ORDER', 'QUANTITY', 'STATUS', 'RECEIVED', 'QMS DECISION'];
  const rows = lots.map((l) => [
    l.lot,
    l.material,
    `${l.order}/${l.operation}`,
    `${String(l.quantity.value)} ${l.quantity.unit}`,
    l.status,
    l.receivedAt,
    l.decision === null
      ? l.status === 'restricted'
        ? 'awaiting'
        : '-'
      : `${l.decision.outcome} ${l.decision.decidedAt} (inspection lot ${l.decision.inspectionLot})`,
  ]);
  const restricted = lots.filter((l) => l.status === 'restricted').length;
  return `${padTable([header, ...rows])}\n${String(lots.length)} lot(s) on ${key}, ${String(restricted)} in quality inspection`;
}

export async function lotsFromRepl(broker: ServiceBroker, key: string): Promise<string> {
  const owner = ownerOf(key, hostNodes(broker));
  if (owner === undefined) return `no node runs ${HOST_SERVICE}`;
  const view = await broker.call<{ state: { lots?: ProducedLot[] } | null }, object>(
    `${HOST_SERVICE}.inspect`,
    { key },
    { nodeID: owner },
  );
  return renderLots(key, view.state?.lots ?? []);
}
