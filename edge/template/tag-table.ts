// Lookups in a work center's tag table: the compiled signals in tag order, which is what an actor
// needs to configure its aggregation (which tags are counters, which are states).
import type { CompiledSignal, PlantModel } from './compile-template.ts';

export function tagTable(model: PlantModel, workCenter: string): readonly CompiledSignal[] {
  const found = model.workCenters.find((wc) => wc.id === workCenter);
  if (found === undefined)
    throw new Error(`work center ${workCenter} is not in plant ${model.plant}`);
  return found.signals;
}

export function tagOf(model: PlantModel, workCenter: string, signal: string): number {
  const found = tagTable(model, workCenter).find((s) => s.name === signal);
  if (found === undefined) throw new Error(`work center ${workCenter} has no signal ${signal}`);
  return found.tag;
}
