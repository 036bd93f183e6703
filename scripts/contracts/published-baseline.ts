// The published v1 schemas, frozen. A contract enters the baseline the first time
// `npm run contracts -- --accept-new` runs after it was added; an entry is never rewritten
// by the tool, so a breaking edit to a published schema can only fail the compatibility test.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { JsonSchema } from '../../contracts/publish/index.ts';

export const BASELINE_PATH = 'contracts/published/v1-baseline.json';

export function readBaseline(root: string): Record<string, JsonSchema> {
  const file = `${root}/${BASELINE_PATH}`;
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, JsonSchema>)
    : {};
}

/** Adds contracts not yet in the baseline; returns their names. */
export function acceptNewContracts(root: string, current: Map<string, JsonSchema>): string[] {
  const baseline = readBaseline(root);
  const added = [...current.keys()].filter((name) => !(name in baseline));
  for (const name of added) baseline[name] = current.get(name) ?? {};
  const sorted = Object.fromEntries(
    Object.entries(baseline).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync(`${root}/${BASELINE_PATH}`, `${JSON.stringify(sorted, null, 2)}\n`);
  return added;
}
