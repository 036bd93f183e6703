// Turns a closed window into the inputs of ISO 22400-2 OEE: the time elements (planned
// busy time, actual production time, down time per reason, planned stop) and the quantities
// (good and scrap counts). It computes no OEE itself: that needs the planned cycle time, which
// the work-center actor knows from the production order.
import type { ClosedWindow } from './window-store.ts';

export type StateCategory = 'running' | 'idle' | 'down' | 'plannedStop';

export interface OeeRoles {
  /** Counter tag of good parts, and of scrap parts (ISO 22400-2 GQ and SQ). */
  readonly goodCountTag?: number;
  readonly scrapCountTag?: number;
  /** State tag and what each state code means; unknown codes count as 'down' reason 'unmapped'. */
  readonly stateTag?: number;
  readonly states: ReadonlyMap<
    number,
    { readonly category: StateCategory; readonly reason?: string }
  >;
}

export interface OeeInputs {
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly incomplete: ClosedWindow['incomplete'];
  /** PSDT: planned shutdown (no order, break, planned maintenance). */
  readonly plannedStopMs: number;
  /** APT: actual production time, the unit running. */
  readonly runningMs: number;
  /** Ready but not producing (waiting for material, operator). */
  readonly idleMs: number;
  /** ADOT per reason code: unplanned down time. */
  readonly downMsByReason: Readonly<Record<string, number>>;
  /** Time with no known state (before the first state sample, across a gap). */
  readonly unknownMs: number;
  /** GQ and SQ: good and scrap quantities counted in the window. */
  readonly goodCount: number;
  readonly scrapCount: number;
}

export function oeeInputs(window: ClosedWindow, roles: OeeRoles): OeeInputs {
  const find = (tag: number | undefined) => window.tags.find((t) => t.tag === tag);
  let plannedStopMs = 0;
  let runningMs = 0;
  let idleMs = 0;
  const downMsByReason: Record<string, number> = {};
  for (const [code, ms] of find(roles.stateTag)?.stateDurationsMs ?? []) {
    const meaning = roles.states.get(code) ?? { category: 'down', reason: 'unmapped' };
    if (meaning.category === 'plannedStop') plannedStopMs += ms;
    else if (meaning.category === 'running') runningMs += ms;
    else if (meaning.category === 'idle') idleMs += ms;
    else {
      const reason = meaning.reason ?? String(code);
      downMsByReason[reason] = (downMsByReason[reason] ?? 0) + ms;
    }
  }
  const known =
    plannedStopMs + runningMs + idleMs + Object.values(downMsByReason).reduce((a, b) => a + b, 0);
  return {
    windowStartMs: window.windowStartMs,
    windowEndMs: window.windowEndMs,
    incomplete: window.incomplete,
    plannedStopMs,
    runningMs,
    idleMs,
    downMsByReason,
    unknownMs: Math.max(0, window.windowEndMs - window.windowStartMs - known),
    goodCount: find(roles.goodCountTag)?.counter?.delta ?? 0,
    scrapCount: find(roles.scrapCountTag)?.counter?.delta ?? 0,
  };
}
