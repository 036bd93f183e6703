// The figures the sizing guide is made of, each read from one row of one results file and
// carrying where it came from (suite, table, row), so docs/sizing.md traces to RESULTS.md. A
// figure whose suite or row is absent is `undefined`: the guide says it is not measured yet.
import type { ComparisonResult, SuiteResult, VariantResult } from './results.ts';
import type { BenchCustomRow } from './suite.ts';

export interface Source {
  readonly suite: string;
  /** The table heading in RESULTS.md (a comparison, or "Other measurements"). */
  readonly table: string;
  readonly row: string;
}

export interface Figure {
  readonly value: number;
  readonly source: Source;
}

export class Results {
  readonly #bySuite: ReadonlyMap<string, SuiteResult>;

  constructor(results: readonly SuiteResult[]) {
    this.#bySuite = new Map(results.filter((r) => !r.quick).map((r) => [r.suite, r]));
  }

  suite(name: string): SuiteResult | undefined {
    return this.#bySuite.get(name);
  }

  get suites(): readonly SuiteResult[] {
    return [...this.#bySuite.values()];
  }

  /** A comparison by name and (some of) its params; its variant by name or name prefix. */
  variant(
    suite: string,
    comparison: string,
    variant: string,
    params: Readonly<Record<string, string | number>> = {},
  ): { readonly comparison: ComparisonResult; readonly variant: VariantResult } | undefined {
    const found = this.suite(suite)?.comparisons.find(
      (c) => c.name === comparison && Object.entries(params).every(([k, v]) => c.params[k] === v),
    );
    const match = found?.variants.find((v) => v.name === variant || v.name.startsWith(variant));
    return found === undefined || match === undefined
      ? undefined
      : { comparison: found, variant: match };
  }

  /** A custom row by name and (some of) its params. */
  row(
    suite: string,
    name: string,
    params: Readonly<Record<string, string | number>> = {},
  ): BenchCustomRow | undefined {
    return this.suite(suite)?.custom.find(
      (r) => r.name === name && Object.entries(params).every(([k, v]) => r.params?.[k] === v),
    );
  }

  /** The custom rows of one name, e.g. one per rate. */
  rows(suite: string, name: string): readonly BenchCustomRow[] {
    return this.suite(suite)?.custom.filter((r) => r.name === name) ?? [];
  }
}

const heading = (comparison: ComparisonResult) => {
  const params = Object.entries(comparison.params).map(([k, v]) => `${k} ${v}`);
  return `${comparison.name}${params.length > 0 ? ` (${params.join(', ')})` : ''}`;
};

/** Median operations per second of a comparison's variant. */
export function throughput(
  results: Results,
  suite: string,
  comparison: string,
  variant: string,
  params?: Readonly<Record<string, string | number>>,
): Figure | undefined {
  const found = results.variant(suite, comparison, variant, params);
  if (found === undefined) return undefined;
  return {
    value: found.variant.opsPerSecond.median,
    source: { suite, table: heading(found.comparison), row: found.variant.name },
  };
}

/** Operations per CPU-second, the helper processes' CPU included (1e6 / CPU µs per op). */
export function perCpuSecond(
  results: Results,
  suite: string,
  comparison: string,
  variant: string,
  params?: Readonly<Record<string, string | number>>,
): Figure | undefined {
  const found = results.variant(suite, comparison, variant, params);
  const micros = found?.variant.totalCpuMicrosPerOp.median;
  if (found === undefined || micros === undefined || !(micros > 0)) return undefined;
  return {
    value: 1e6 / micros,
    source: { suite, table: heading(found.comparison), row: found.variant.name },
  };
}

/** One metric of a custom row. */
export function metricOf(
  results: Results,
  suite: string,
  row: string,
  metric: string,
  params?: Readonly<Record<string, string | number>>,
): Figure | undefined {
  const found = results.row(suite, row, params);
  const value = found?.metrics[metric];
  if (found === undefined || value === undefined || !Number.isFinite(value)) return undefined;
  return { value, source: { suite, table: 'Other measurements', row: found.name } };
}
