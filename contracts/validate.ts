// Boundary validation against the catalogue: the only way a payload becomes a typed contract.
// Failures are MillwrightErrors carrying zod's issues as data (never a flattened string).
import type { z } from 'zod';
import { contracts } from './registry.ts';
import type { ContractCatalogue } from './catalogue.ts';
import { MillwrightError } from './errors/index.ts';

export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  name: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.join('.')}`;
  throw new MillwrightError(
    'MW_CONTRACT_INVALID',
    `${name} is invalid${where}: ${first?.message ?? 'no detail'} (${result.error.issues.length} issue(s))`,
    { name, issues: result.error.issues },
  );
}

/** Validate `value` as the contract called `name`; unknown names are MW_CONTRACT_UNKNOWN_NAME. */
export function parseContract(
  name: string,
  value: unknown,
  catalogue: ContractCatalogue = contracts,
): unknown {
  return parseWith(catalogue.get(name).schema, value, name);
}
