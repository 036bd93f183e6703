// quality.decided: the QMS released or rejected a lot this work center received into quality
// inspection; the lot's stock status moves (rules/lot-status.ts), once per decision event.
// No emissions: the QMS connector already published the quality event that ERP posts.
import type { CountsReply, QualityDecided } from '../protocol.ts';
import { decideLot, type ProducedLot } from '../rules/index.ts';
import type { WorkCenterState } from '../state.ts';
import type { StepOutcome } from './outcome.ts';

export interface QualityDecidedReply extends CountsReply {
  readonly lot: ProducedLot;
}

export function qualityDecided(state: WorkCenterState, msg: QualityDecided): StepOutcome {
  const decided = decideLot(state.lots, msg, state);
  const reply: QualityDecidedReply = {
    accepted: !decided.duplicate,
    duplicate: decided.duplicate,
    lot: decided.lot,
  };
  if (decided.duplicate) return { state, reply };
  return { state: { ...state, lots: decided.lots }, reply };
}
