// Decides whether a published v1 JSON Schema changed in a breaking way. Conservative on
// purpose: the only changes allowed within a version are new *optional* properties and
// documentation text. Anything else (a removed or newly required property, a changed type,
// format, pattern, enum or bound) must ship as a new `.v2` contract beside the old one.
import type { JsonSchema } from './json-schemas.ts';

const DOC_KEYS = new Set(['description', 'title', 'examples', '$comment']);

export function breakingChanges(published: unknown, current: unknown, path = '$'): string[] {
  if (!isObject(published) || !isObject(current)) {
    return Object.is(published, current) || JSON.stringify(published) === JSON.stringify(current)
      ? []
      : [`${path}: changed from ${JSON.stringify(published)} to ${JSON.stringify(current)}`];
  }
  if (Array.isArray(published) !== Array.isArray(current)) return [`${path}: changed shape`];
  if (Array.isArray(published) && Array.isArray(current)) {
    if (published.length !== current.length) return [`${path}: list changed length`];
    return published.flatMap((item, i) => breakingChanges(item, current[i], `${path}[${i}]`));
  }
  const problems: string[] = [];
  const required = new Set(asStrings(current['required']));
  const keys = new Set([...Object.keys(published), ...Object.keys(current)]);
  for (const key of keys) {
    if (DOC_KEYS.has(key)) continue;
    if (key === 'properties' && isObject(published[key]) && isObject(current[key])) {
      problems.push(
        ...compareProperties(published[key], current[key], required, `${path}.properties`),
      );
      continue;
    }
    if (!(key in current)) problems.push(`${path}.${key}: removed`);
    else if (!(key in published)) problems.push(`${path}.${key}: added`);
    else problems.push(...breakingChanges(published[key], current[key], `${path}.${key}`));
  }
  return problems;
}

function compareProperties(
  published: JsonSchema,
  current: JsonSchema,
  requiredNow: ReadonlySet<string>,
  path: string,
): string[] {
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(published)) {
    if (!(name in current)) problems.push(`${path}.${name}: property removed`);
    else problems.push(...breakingChanges(schema, current[name], `${path}.${name}`));
  }
  for (const name of Object.keys(current)) {
    if (!(name in published) && requiredNow.has(name)) {
      problems.push(`${path}.${name}: new required property`);
    }
  }
  return problems;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
