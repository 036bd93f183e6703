// The published contract documents (docs/contracts/, docs/errors.md) are generated from the
// code: this suite fails when the checked-in files drift from it, when the AsyncAPI document
// loses its structure, and when a published v1 schema changes in a breaking way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemas as asyncApiSchemas } from '@asyncapi/specs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { contracts } from '../../../contracts/index.ts';
import {
  breakingChanges,
  catalogueJsonSchemas,
  componentKey,
} from '../../../contracts/publish/index.ts';
import { renderContractDocuments } from '../../../scripts/contracts/documents.ts';
import { readBaseline } from '../../../scripts/contracts/published-baseline.ts';

const root = join(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('published contract documents', () => {
  it.each([...renderContractDocuments().entries()].map(([path, text]) => [path, text]))(
    '%s is up to date (run `npm run contracts` after changing contracts/)',
    (path, expected) => {
      expect(read(path)).toBe(expected);
    },
  );
});

/** The official schema bundles the draft-07 meta-schema, which Ajv already knows. */
function validateAsyncApi(document: unknown): unknown[] {
  const schema = structuredClone(asyncApiSchemas['3.0.0']) as {
    definitions: Record<string, unknown>;
  };
  delete schema.definitions['http://json-schema.org/draft-07/schema'];
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  return validate(document) ? [] : (validate.errors ?? []);
}

describe('AsyncAPI document', () => {
  const document = parse(read('docs/contracts/asyncapi.yaml')) as {
    asyncapi: string;
    info: { title: string; version: string };
    channels: Record<
      string,
      { address: string; messages: Record<string, { $ref: string }>; bindings: { nats: object } }
    >;
    operations: Record<string, { action: string; channel: { $ref: string } }>;
    components: {
      messages: Record<string, { name: string; payload: { $ref: string } }>;
      schemas: Record<string, { type: string }>;
    };
  };

  it('validates against the official AsyncAPI 3.0.0 JSON Schema', () => {
    expect(validateAsyncApi(document)).toEqual([]);
  });

  it('is rejected by that schema once broken (the validator really validates)', () => {
    const broken = structuredClone(document) as unknown as {
      operations: Record<string, Record<string, unknown>>;
    };
    for (const operation of Object.values(broken.operations)) delete operation['action'];
    expect(validateAsyncApi(broken).length).toBeGreaterThan(0);
  });

  it('is AsyncAPI 3 with an info block', () => {
    expect(document.asyncapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info.title).toBeTruthy();
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has a NATS channel, a receive operation and a payload schema for every business event', () => {
    for (const { name } of contracts.list('event')) {
      const key = componentKey(name);
      const channel = document.channels[key];
      expect(channel?.address).toBe(`mw.biz.{plant}.{workCenter}.${name}`);
      expect(channel?.bindings.nats).toBeDefined();
      const message = document.components.messages[key];
      expect(message?.name).toBe(name);
      expect(message?.payload.$ref).toBe(`#/components/schemas/${name}`);
      expect(document.components.schemas[name]?.type).toBe('object');
      const operation = Object.values(document.operations).find(
        (op) => op.channel.$ref === `#/channels/${key}`,
      );
      expect(operation?.action).toBe('receive');
    }
  });

  it('resolves every $ref it contains', () => {
    const refs = [...read('docs/contracts/asyncapi.yaml').matchAll(/\$ref: "#\/([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const target = ref
        .split('/')
        .reduce<unknown>(
          (node, part) => (node as Record<string, unknown> | undefined)?.[part],
          document,
        );
      expect({ ref, resolved: target !== undefined }).toEqual({ ref, resolved: true });
    }
  });
});

describe('v1 compatibility', () => {
  const baseline = readBaseline(root);
  const current = catalogueJsonSchemas(contracts);

  it('keeps every published v1 contract', () => {
    expect(Object.keys(baseline).filter((name) => !current.has(name))).toEqual([]);
  });

  it.each(Object.keys(baseline).map((name) => [name]))(
    '%s has no breaking change (publish .v2 instead)',
    (name) => {
      expect(breakingChanges(baseline[name], current.get(name))).toEqual([]);
    },
  );

  it('detects the breaking changes it is meant to', () => {
    const published = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a'],
      additionalProperties: false,
    };
    const withOptional = {
      ...published,
      properties: { ...published.properties, c: { type: 'string' } },
    };
    expect(breakingChanges(published, withOptional)).toEqual([]);
    expect(breakingChanges(published, { ...published, description: 'reworded' })).toEqual([]);
    expect(breakingChanges(published, { ...withOptional, required: ['a', 'c'] })).toContain(
      '$.properties.c: new required property',
    );
    expect(
      breakingChanges(published, { ...published, properties: { a: { type: 'string' } } }),
    ).toContain('$.properties.b: property removed');
    expect(
      breakingChanges(published, {
        ...published,
        properties: { ...published.properties, a: { type: 'number' } },
      }),
    ).toEqual(['$.properties.a.type: changed from "string" to "number"']);
  });
});
