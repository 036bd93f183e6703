// Number formatting shared by the Markdown tables, the console summary and the chart axes:
// three significant digits, k / M / G for large counts, so columns stay narrow and comparable.

const SI: readonly (readonly [number, string])[] = [
  [1e9, ' G'],
  [1e6, ' M'],
  [1e3, ' k'],
];

/** 3 significant digits, no exponent: 0.0123, 4.56, 789, 12300. */
export function sig(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '-';
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(Math.min(decimals, 6));
}

/** Counts and rates: 987, 1.50 k, 4.56 M. */
export function count(value: number): string {
  if (!Number.isFinite(value)) return '-';
  for (const [scale, suffix] of SI) {
    if (Math.abs(value) >= scale) return `${sig(value / scale)}${suffix}`;
  }
  return sig(value);
}

export function times(value: number | null): string {
  return value === null ? '-' : `${value.toFixed(2)}×`;
}

export function megabytes(bytes: number): string {
  return Number.isFinite(bytes) ? sig(bytes / 1_048_576) : '-';
}

/** A metric value by its name's unit suffix: rates as counts, the rest 3 significant digits. */
export function metric(name: string, value: number): string {
  if (/bytes$/i.test(name)) return `${megabytes(value)} MB`;
  if (/(hz|persec|pers|rate|count|ops)$/i.test(name) || Math.abs(value) >= 10_000)
    return count(value);
  return sig(value);
}
