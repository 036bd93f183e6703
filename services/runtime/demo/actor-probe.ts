// What the demo reads of a work-center actor through `workcenter.host.inspect` (wherever the
// actor lives): the parts it counted from one source, the time of its newest input and the
// orders it has open. Read-only: the demo never tells the actor anything but releases.
import type { ServiceBroker } from 'moleculer';

export interface Parts {
  readonly good: number;
  readonly scrap: number;
}

export interface ActorView {
  /** Parts counted from the source, over the actor's whole life. */
  readonly counted: Parts;
  /** Source time of the newest input applied; 0 when none. */
  readonly lastInputMs: number;
  /** Released orders not completed, running one first. */
  readonly openOrders: readonly string[];
}

interface InspectReply {
  readonly state: {
    readonly sources?: Record<string, { good: number; scrap: number }>;
    readonly lastInputAt?: string | null;
    readonly runs?: readonly { order: { order: string }; status: string }[];
  } | null;
}

export async function actorView(
  broker: ServiceBroker,
  plant: string,
  workCenter: string,
  source: string,
): Promise<ActorView> {
  const { state } = await broker.call<InspectReply, object>('workcenter.host.inspect', {
    key: `${plant}/${workCenter}`,
  });
  const counts = state?.sources?.[source];
  const last = state?.lastInputAt;
  return {
    counted: { good: counts?.good ?? 0, scrap: counts?.scrap ?? 0 },
    lastInputMs: last === undefined || last === null ? 0 : Date.parse(last),
    openOrders: (state?.runs ?? [])
      .filter((run) => run.status !== 'completed')
      .map((run) => run.order.order),
  };
}

export const minus = (a: Parts, b: Parts): Parts => ({
  good: a.good - b.good,
  scrap: a.scrap - b.scrap,
});

export const sameParts = (a: Parts, b: Parts): boolean => a.good === b.good && a.scrap === b.scrap;
