// Which tags of a work center's tag table a frame carries a base reading for (decision 0404):
// counters and coded states, whose meaning depends on the previous reading. Gauges (process
// values) stand alone and are never carried. Reads the compiled template; keeps no state.
import type { PlantModel } from '../template/index.ts';

const CARRIED_KINDS: ReadonlySet<string> = new Set([
  'good-count',
  'scrap-count',
  'machine-state',
  'downtime-reason',
]);

export type CarriedTags = (workCenter: string) => ReadonlySet<number>;

export const noCarriedTags: CarriedTags = () => new Set();

export function carriedTagsOf(model: PlantModel): CarriedTags {
  const byWorkCenter = new Map(
    model.workCenters.map((wc) => [
      wc.id,
      new Set(wc.signals.filter((s) => CARRIED_KINDS.has(s.rule.kind)).map((s) => s.tag)),
    ]),
  );
  const none: ReadonlySet<number> = new Set();
  return (workCenter) => byWorkCenter.get(workCenter) ?? none;
}
