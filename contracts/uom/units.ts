// The unit-of-measure table: each unit belongs to one dimension and converts to that
// dimension's base unit as  base = value * numerator / denominator + offset.
// Factors are kept as integer ratios so that decimal conversions (g to kg, mm to m) are exact
// in binary floating point wherever the result is representable.
export type Dimension =
  'count' | 'mass' | 'length' | 'volume' | 'time' | 'temperature' | 'pressure';

export interface UnitDefinition {
  readonly code: string;
  readonly name: string;
  readonly dimension: Dimension;
  readonly numerator: number;
  readonly denominator: number;
  /** Only temperature scales have one (degC and degF against kelvin). */
  readonly offset?: number;
}

const unit = (
  code: string,
  name: string,
  dimension: Dimension,
  numerator: number,
  denominator = 1,
  offset?: number,
): UnitDefinition =>
  offset === undefined
    ? { code, name, dimension, numerator, denominator }
    : { code, name, dimension, numerator, denominator, offset };

/** Base units: ea, kg, m, l, s, K, Pa. */
export const standardUnits: readonly UnitDefinition[] = [
  unit('ea', 'each (piece count)', 'count', 1),
  unit('pair', 'pair', 'count', 2),
  unit('dozen', 'dozen', 'count', 12),
  unit('kg', 'kilogram', 'mass', 1),
  unit('g', 'gram', 'mass', 1, 1_000),
  unit('mg', 'milligram', 'mass', 1, 1_000_000),
  unit('t', 'metric tonne', 'mass', 1_000),
  unit('lb', 'pound (avoirdupois)', 'mass', 45_359_237, 100_000_000),
  unit('oz', 'ounce (avoirdupois)', 'mass', 45_359_237, 1_600_000_000),
  unit('m', 'metre', 'length', 1),
  unit('km', 'kilometre', 'length', 1_000),
  unit('cm', 'centimetre', 'length', 1, 100),
  unit('mm', 'millimetre', 'length', 1, 1_000),
  unit('in', 'inch', 'length', 254, 10_000),
  unit('ft', 'foot', 'length', 3_048, 10_000),
  unit('l', 'litre', 'volume', 1),
  unit('ml', 'millilitre', 'volume', 1, 1_000),
  unit('m3', 'cubic metre', 'volume', 1_000),
  unit('gal', 'US gallon', 'volume', 3_785_411_784, 1_000_000_000),
  unit('s', 'second', 'time', 1),
  unit('ms', 'millisecond', 'time', 1, 1_000),
  unit('min', 'minute', 'time', 60),
  unit('h', 'hour', 'time', 3_600),
  unit('K', 'kelvin', 'temperature', 1),
  unit('degC', 'degree Celsius', 'temperature', 1, 1, 273.15),
  unit('degF', 'degree Fahrenheit', 'temperature', 5, 9, 273.15 - (32 * 5) / 9),
  unit('Pa', 'pascal', 'pressure', 1),
  unit('kPa', 'kilopascal', 'pressure', 1_000),
  unit('bar', 'bar', 'pressure', 100_000),
  unit('psi', 'pound-force per square inch', 'pressure', 689_475_729_316_836, 100_000_000_000),
];
