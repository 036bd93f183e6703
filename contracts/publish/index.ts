// Public surface of contract publishing (pure: builds documents, writes nothing).
export { buildAsyncApi, componentKey } from './asyncapi.ts';
export { catalogueJsonSchemas, contractJsonSchema } from './json-schemas.ts';
export type { JsonSchema } from './json-schemas.ts';
export { parseErrorsDoc, renderErrorsDoc } from './errors-doc.ts';
export { breakingChanges } from './schema-compat.ts';
