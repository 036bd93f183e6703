// JSON Schema (draft 2020-12) of every contract, generated from the zod schemas. The input
// side is published: what a valid message may look like on the wire (defaults optional).
import { z } from 'zod';
import type { ContractCatalogue } from '../catalogue.ts';

export type JsonSchema = Record<string, unknown>;

export function contractJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
}

/** name -> JSON Schema, sorted by name so generated files are stable. */
export function catalogueJsonSchemas(catalogue: ContractCatalogue): Map<string, JsonSchema> {
  return new Map(catalogue.list().map((d) => [d.name, contractJsonSchema(d.schema)]));
}
