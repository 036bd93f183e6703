import { isMillwrightError, UnitTable, units } from '../../../contracts/index.ts';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('unit conversion', () => {
  it.each([
    [2.5, 'kg', 'g', 2500],
    [2500, 'g', 'kg', 2.5],
    [1, 't', 'kg', 1000],
    [1, 'lb', 'kg', 0.45359237],
    [16, 'oz', 'lb', 1],
    [1, 'in', 'mm', 25.4],
    [1234, 'mm', 'm', 1.234],
    [1500, 'ml', 'l', 1.5],
    [2, 'dozen', 'ea', 24],
    [90, 'min', 'h', 1.5],
    [100, 'degC', 'K', 373.15],
    [0, 'degC', 'degF', 32],
    [212, 'degF', 'degC', 100],
    [1, 'bar', 'kPa', 100],
  ])('converts %s %s to exactly %s %s', (value, from, to, expected) => {
    expect(units.convertValue(value, from, to)).toBe(expected);
  });

  it('converts a quantity object and keeps the target unit', () => {
    expect(units.convert({ value: 750, unit: 'g' }, 'kg')).toEqual({ value: 0.75, unit: 'kg' });
  });

  it('rejects an unknown unit with MW_UOM_UNKNOWN_UNIT naming it', () => {
    const error = errorOf(() => units.convertValue(1, 'furlong', 'm'));
    expect(isMillwrightError(error, 'MW_UOM_UNKNOWN_UNIT')).toBe(true);
    expect((error as Error).message).toContain('furlong');
  });

  it('rejects an unknown target unit too', () => {
    expect(
      isMillwrightError(
        errorOf(() => units.convertValue(1, 'kg', 'stone')),
        'MW_UOM_UNKNOWN_UNIT',
      ),
    ).toBe(true);
  });

  it('rejects kg to m as incompatible dimensions', () => {
    const error = errorOf(() => units.convertValue(1, 'kg', 'm'));
    expect(isMillwrightError(error, 'MW_UOM_INCOMPATIBLE')).toBe(true);
    expect((error as { data: unknown }).data).toEqual({
      from: 'kg',
      to: 'm',
      fromDimension: 'mass',
      toDimension: 'length',
    });
  });

  it('rejects NaN and infinite values instead of passing them through', () => {
    expect(
      isMillwrightError(
        errorOf(() => units.convertValue(Number.NaN, 'kg', 'g')),
        'MW_UOM_NOT_FINITE',
      ),
    ).toBe(true);
    expect(
      isMillwrightError(
        errorOf(() => units.convertValue(Infinity, 'kg', 'kg')),
        'MW_UOM_NOT_FINITE',
      ),
    ).toBe(true);
  });

  it('tells whether two units are convertible', () => {
    expect(units.convertible('kg', 'lb')).toBe(true);
    expect(units.convertible('kg', 'm')).toBe(false);
    expect(units.convertible('kg', 'furlong')).toBe(false);
  });

  it('refuses a table with a unit defined twice', () => {
    const kg = {
      code: 'kg',
      name: 'kilogram',
      dimension: 'mass' as const,
      numerator: 1,
      denominator: 1,
    };
    expect(() => new UnitTable([kg, kg])).toThrow(/defined twice/);
  });
});
