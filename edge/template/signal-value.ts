// Pure mapping of one raw source value to the number a frame carries for its signal: type
// check, unit conversion (contracts' unit table), code translation (contracts' Crosswalk) and
// range check. It never passes a value through unchecked: a bad one throws an MW_* error.
import { MillwrightError, type Crosswalk, type UnitTable } from '../../contracts/index.ts';
import type { SignalKind } from './plant-template.schema.ts';

/** Canonical machine states; a state's frame value is its 1-based index (0: unknown). */
export const MACHINE_STATES = [
  'running',
  'idle',
  'setup',
  'planned-down',
  'unplanned-down',
  'blocked',
  'starved',
] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

export interface ValueRule {
  readonly signal: string;
  readonly kind: SignalKind;
  readonly sourceUnit: string;
  readonly unit: string;
  readonly crosswalk: Crosswalk | undefined;
  /** Canonical codes whose 1-based index is the frame value (states or plant reasons). */
  readonly codes: readonly string[];
  readonly range: { readonly min: number; readonly max: number } | undefined;
}

function typeError(rule: ValueRule, raw: unknown, expected: string): MillwrightError {
  return new MillwrightError(
    'MW_EDGE_VALUE_TYPE',
    `signal ${rule.signal} (${rule.kind}) expects ${expected}, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`,
    { signal: rule.signal, kind: rule.kind, expected, received: typeof raw },
  );
}

function checkRange(rule: ValueRule, value: number): number {
  const range = rule.range;
  if (range !== undefined && (value < range.min || value > range.max)) {
    throw new MillwrightError(
      'MW_EDGE_VALUE_OUT_OF_RANGE',
      `signal ${rule.signal}: ${value} ${rule.unit} is outside [${range.min}, ${range.max}]`,
      { signal: rule.signal, value, unit: rule.unit, range },
    );
  }
  return value;
}

function translate(rule: ValueRule, raw: unknown): number {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw typeError(rule, raw, 'a code');
  const local = String(raw);
  const canonical = rule.crosswalk === undefined ? local : rule.crosswalk.translate(local);
  const index = rule.codes.indexOf(canonical);
  if (index < 0) throw typeError(rule, raw, `one of ${rule.codes.join(', ')}`);
  return index + 1;
}

/** The frame value of `raw` for the signal, or a thrown MillwrightError saying why not. */
export function signalValue(rule: ValueRule, raw: unknown, table: UnitTable): number {
  switch (rule.kind) {
    case 'good-count':
    case 'scrap-count': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        throw typeError(rule, raw, 'a finite number');
      }
      if (raw < 0 || !Number.isInteger(raw)) {
        throw new MillwrightError(
          'MW_EDGE_VALUE_OUT_OF_RANGE',
          `signal ${rule.signal}: a counter reads a whole number >= 0, got ${raw}`,
          { signal: rule.signal, value: raw, unit: rule.sourceUnit },
        );
      }
      return checkRange(rule, table.convertValue(raw, rule.sourceUnit, rule.unit));
    }
    case 'process-value': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        throw typeError(rule, raw, 'a finite number');
      }
      return checkRange(rule, table.convertValue(raw, rule.sourceUnit, rule.unit));
    }
    case 'machine-state':
    case 'downtime-reason':
      return translate(rule, raw);
  }
}
