// Scrapes a Prometheus text endpoint (exposition format 0.0.4) and finds series by name and a
// subset of labels, so tests can assert exact values of what an operator's scraper would see.
export interface PromSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheus(text: string): PromSeries[] {
  const series: PromSeries[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL))
      if (key !== undefined && value !== undefined) labels[key] = value;
    series.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return series;
}

export async function scrape(url: string): Promise<PromSeries[]> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return parsePrometheus(await response.text());
}

/** The value of the one series with this name and these labels; undefined when absent. */
export function valueOf(
  series: readonly PromSeries[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  const found = series.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1)
    throw new Error(`${found.length} series ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}
