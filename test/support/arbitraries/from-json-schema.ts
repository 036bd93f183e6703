// fast-check arbitraries generated from the published JSON Schemas of the contracts, so that
// property tests cover every contract without a hand-written generator per contract.
// Handles the subset zod 4 emits for our schemas: object, array, string (pattern, format,
// lengths), number/integer (bounds), boolean, enum, const.
import fc from 'fast-check';

type Schema = Record<string, unknown>;

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.uuid(),
  'date-time': () =>
    fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
};

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const format = typeof schema['format'] === 'string' ? FORMATS[schema['format']] : undefined;
  if (format !== undefined) return format();
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 40;
  const base =
    typeof schema['pattern'] === 'string'
      ? fc.stringMatching(new RegExp(schema['pattern']))
      : fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) });
  return base.filter((s) => s.length >= minLength && s.length <= maxLength);
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : -1e9;
  const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : 1e9;
  const exclusiveMin =
    typeof schema['exclusiveMinimum'] === 'number' ? schema['exclusiveMinimum'] : undefined;
  if (integer) {
    const low = exclusiveMin === undefined ? Math.ceil(min) : Math.floor(exclusiveMin) + 1;
    return fc.integer({
      min: Math.max(low, Number.MIN_SAFE_INTEGER),
      max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER),
    });
  }
  return fc
    .double({
      min: exclusiveMin ?? min,
      max,
      noNaN: true,
      noDefaultInfinity: true,
      minExcluded: exclusiveMin !== undefined,
    })
    .map((n) => (Object.is(n, -0) ? 0 : n));
}

function objectArbitrary(schema: Schema): fc.Arbitrary<Schema> {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = arbitraryFor(property);
  return fc.record(model, {
    requiredKeys: [...required].filter((k) => k in properties),
  });
}

export function arbitraryFor(schema: Schema): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  if (Array.isArray(schema['anyOf']))
    return fc.oneof(...(schema['anyOf'] as Schema[]).map(arbitraryFor));
  switch (schema['type']) {
    case 'object':
      return objectArbitrary(schema);
    case 'array': {
      const minLength = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
      return fc.array(arbitraryFor((schema['items'] ?? {}) as Schema), {
        minLength,
        maxLength: minLength + 3,
      });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    default:
      throw new Error(`no arbitrary for schema ${JSON.stringify(schema).slice(0, 200)}`);
  }
}
