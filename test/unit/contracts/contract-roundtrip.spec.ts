// Every contract in the catalogue: random valid instances survive the msgpackr serializer and
// JSON unchanged, and random invalid ones are rejected with MW_CONTRACT_INVALID carrying zod
// issues (never an untyped throw).
import fc from 'fast-check';
import { contracts, isMillwrightError, parseContract } from '../../../contracts/index.ts';
import { contractJsonSchema } from '../../../contracts/publish/index.ts';
import { MsgpackrSerializer } from '../../../services/platform/index.ts';
import { arbitraryFor } from '../../support/arbitraries/from-json-schema.ts';

const serializer = new MsgpackrSerializer();
const definitions = contracts.list();

function rejection(name: string, value: unknown): { type: string; issues: unknown[] } {
  try {
    parseContract(name, value);
  } catch (error) {
    if (!isMillwrightError(error)) throw error;
    const data = error.data as { issues?: unknown[] };
    return { type: error.type, issues: data.issues ?? [] };
  }
  return { type: 'accepted', issues: [] };
}

describe.each(definitions.map((d) => [d.name, d] as const))('contract %s', (name, definition) => {
  const valid = arbitraryFor(contractJsonSchema(definition.schema)).map((raw) =>
    definition.schema.parse(raw),
  );

  it('round-trips through the msgpackr serializer and JSON unchanged', () => {
    fc.assert(
      fc.property(valid, (value) => {
        const viaMsgpackr = serializer.deserialize(
          serializer.serialize(value as object, 'EVENT'),
          'EVENT',
        );
        const viaJson: unknown = JSON.parse(JSON.stringify(value));
        expect(viaMsgpackr).toEqual(value);
        expect(viaJson).toEqual(value);
        expect(parseContract(name, viaMsgpackr)).toEqual(value);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects random non-objects with MW_CONTRACT_INVALID and zod issues', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.double(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.anything()),
        ),
        (junk) => {
          const result = rejection(name, junk);
          expect(result.type).toBe('MW_CONTRACT_INVALID');
          expect(result.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects a valid instance with a field removed, retyped or invented', () => {
    const mutation = fc.constantFrom('remove-required', 'retype', 'unknown-field');
    fc.assert(
      fc.property(valid, mutation, fc.nat(), (value, kind, pick) => {
        const broken = { ...(value as Record<string, unknown>) };
        const keys = Object.keys(broken);
        const key = keys[pick % keys.length] ?? 'missing';
        if (kind === 'remove-required') {
          const required = (contractJsonSchema(definition.schema)['required'] ?? []) as string[];
          const victim = required[pick % Math.max(required.length, 1)];
          if (victim === undefined) return;
          Reflect.deleteProperty(broken, victim);
        } else if (kind === 'retype') {
          broken[key] = typeof broken[key] === 'number' ? 'not a number' : { unexpected: [1, 2] };
        } else {
          broken['notInTheContract'] = 1;
        }
        const result = rejection(name, broken);
        expect(result.type).toBe('MW_CONTRACT_INVALID');
        expect(result.issues).toEqual(
          expect.arrayContaining([expect.objectContaining({ path: expect.any(Array) as unknown })]),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('contract catalogue', () => {
  it('rejects an unknown name with MW_CONTRACT_UNKNOWN_NAME', () => {
    expect(rejection('operation.confirmed.v9', {}).type).toBe('MW_CONTRACT_UNKNOWN_NAME');
  });

  it('refuses to register a name twice', () => {
    const first = definitions[0];
    if (first === undefined) throw new Error('empty catalogue');
    let code = 'none';
    try {
      contracts.register(first);
    } catch (error) {
      code = isMillwrightError(error) ? error.type : 'untyped';
    }
    expect(code).toBe('MW_CONTRACT_DUPLICATE_NAME');
  });

  it('lists every business event named in DESIGN.md', () => {
    expect(contracts.list('event').map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'operation.started.v1',
        'operation.confirmed.v1',
        'material.consumed.v1',
        'goods.received.v1',
        'scrap.declared.v1',
        'downtime.recorded.v1',
        'quality.hold.v1',
        'quality.released.v1',
        'quality.rejected.v1',
        'genealogy.recorded.v1',
        'maintenance.requested.v1',
      ]),
    );
  });
});
