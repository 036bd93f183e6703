// The catalogue of every MW_* error code: one entry per failure a user can meet, with its
// HTTP-like status, whether a retry can help, and what a person should do about it.
// docs/errors.md is generated from here and a test checks both directions.
// A retired code is marked `retired` and never reused.
import { benchCodes } from './codes/bench.codes.ts';
import { actorCodes } from './codes/actor.codes.ts';
import { configCodes } from './codes/config.codes.ts';
import { contractCodes } from './codes/contract.codes.ts';
import { edgeCodes } from './codes/edge.codes.ts';
import { frameCodes } from './codes/frame.codes.ts';
import { masterdataCodes } from './codes/masterdata.codes.ts';
import { orderCodes } from './codes/order.codes.ts';
import { gatewayCodes } from './codes/gateway.codes.ts';
import { analyticsCodes } from './codes/analytics.codes.ts';
import { erpCodes } from './codes/erp.codes.ts';
import { laneCodes } from './codes/lane.codes.ts';
import { platformCodes } from './codes/platform.codes.ts';
import { qmsCodes } from './codes/qms.codes.ts';
import { telemetryCodes } from './codes/telemetry.codes.ts';
import { traceCodes } from './codes/trace.codes.ts';
import { uomCodes } from './codes/uom.codes.ts';
import { workcenterCodes } from './codes/workcenter.codes.ts';
import { xwalkCodes } from './codes/xwalk.codes.ts';
import type { ErrorCodeEntry } from './error-code-entry.ts';

export type { ErrorCodeEntry } from './error-code-entry.ts';

const CODE_PATTERN = /^MW_[A-Z0-9]+_[A-Z0-9_]+$/;

/** Each area keeps its codes in its own file under codes/; add the file here. */
const areas = [
  platformCodes,
  configCodes,
  contractCodes,
  uomCodes,
  xwalkCodes,
  frameCodes,
  telemetryCodes,
  masterdataCodes,
  orderCodes,
  workcenterCodes,
  benchCodes,
  actorCodes,
  gatewayCodes,
  laneCodes,
  erpCodes,
  qmsCodes,
  analyticsCodes,
  traceCodes,
  edgeCodes,
] as const;

type AreaCodes = (typeof areas)[number];
type KeysOf<T> = T extends unknown ? keyof T : never;
/** Every code of every area, as a string literal union. */
export type ErrorCode = Extract<KeysOf<AreaCodes>, string>;

function buildCatalogue(): ReadonlyMap<string, ErrorCodeEntry> {
  const all = new Map<string, ErrorCodeEntry>();
  for (const area of areas) {
    for (const [code, entry] of Object.entries<ErrorCodeEntry>(area)) {
      if (!CODE_PATTERN.test(code)) throw new Error(`error code ${code} is not MW_<AREA>_<WHAT>`);
      if (all.has(code)) throw new Error(`error code ${code} is defined twice`);
      all.set(code, Object.freeze({ ...entry }));
    }
  }
  return all;
}

export const errorCatalogue: ReadonlyMap<string, ErrorCodeEntry> = buildCatalogue();

export function lookupErrorCode(code: string): ErrorCodeEntry {
  const entry = errorCatalogue.get(code);
  if (entry === undefined)
    throw new Error(`unknown error code ${code}: add it to contracts/errors/codes/`);
  return entry;
}

export function isErrorCode(code: string): code is ErrorCode {
  return errorCatalogue.has(code);
}
