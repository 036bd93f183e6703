// Unit conversion over a unit table. Unknown units and conversions across dimensions are
// errors (MW_UOM_*), never a silent pass-through of the number.
import { MillwrightError } from '../errors/index.ts';
import type { Quantity } from '../quantity.ts';
import { standardUnits, type UnitDefinition } from './units.ts';

export class UnitTable {
  readonly #byCode: ReadonlyMap<string, UnitDefinition>;

  constructor(units: readonly UnitDefinition[] = standardUnits) {
    const byCode = new Map<string, UnitDefinition>();
    for (const unit of units) {
      if (byCode.has(unit.code)) throw new Error(`unit ${unit.code} is defined twice`);
      if (!(unit.numerator > 0 && unit.denominator > 0)) {
        throw new Error(`unit ${unit.code} needs a positive numerator and denominator`);
      }
      byCode.set(unit.code, Object.freeze({ ...unit }));
    }
    this.#byCode = byCode;
  }

  get(code: string): UnitDefinition {
    const unit = this.#byCode.get(code);
    if (unit === undefined) {
      throw new MillwrightError('MW_UOM_UNKNOWN_UNIT', `unknown unit of measure "${code}"`, {
        unit: code,
        known: [...this.#byCode.keys()],
      });
    }
    return unit;
  }

  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  list(): UnitDefinition[] {
    return [...this.#byCode.values()];
  }

  /** Converts `value` from one unit to another of the same dimension. */
  convertValue(value: number, from: string, to: string): number {
    const source = this.get(from);
    const target = this.get(to);
    if (source.dimension !== target.dimension) {
      throw new MillwrightError(
        'MW_UOM_INCOMPATIBLE',
        `cannot convert ${from} (${source.dimension}) to ${to} (${target.dimension})`,
        { from, to, fromDimension: source.dimension, toDimension: target.dimension },
      );
    }
    if (!Number.isFinite(value)) {
      throw new MillwrightError('MW_UOM_NOT_FINITE', `cannot convert ${value} ${from}`, {
        value,
        from,
        to,
      });
    }
    if (from === to) return value;
    if (source.offset === undefined && target.offset === undefined) {
      // One rounding instead of two: multiply both numerators first, divide once.
      return (
        (value * source.numerator * target.denominator) / (source.denominator * target.numerator)
      );
    }
    // Affine scales (temperature): two roundings are unavoidable, so the result is rounded to
    // 12 significant digits, far finer than any thermometer, to give 0 degC = 32 degF exactly.
    const base = (value * source.numerator) / source.denominator + (source.offset ?? 0);
    const result = ((base - (target.offset ?? 0)) * target.denominator) / target.numerator;
    return Number(result.toPrecision(12));
  }

  convert(quantity: Quantity, to: string): Quantity {
    return { value: this.convertValue(quantity.value, quantity.unit, to), unit: to };
  }

  /** True when both units exist and measure the same dimension. */
  convertible(from: string, to: string): boolean {
    const a = this.#byCode.get(from);
    const b = this.#byCode.get(to);
    return a !== undefined && b !== undefined && a.dimension === b.dimension;
  }
}

export const units = new UnitTable();
