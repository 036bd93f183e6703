// `npm run contracts`: writes docs/contracts/ (AsyncAPI + JSON Schemas) and docs/errors.md
// from the code. `-- --accept-new` also freezes newly added contracts into the v1 baseline.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contracts } from '../contracts/index.ts';
import { catalogueJsonSchemas } from '../contracts/publish/index.ts';
import { renderContractDocuments } from './contracts/documents.ts';
import { acceptNewContracts } from './contracts/published-baseline.ts';

const root = join(import.meta.dirname, '..');
const documents = renderContractDocuments();

// Remove schema files of contracts that no longer exist, so the folder mirrors the code.
const schemaDir = join(root, 'docs/contracts');
mkdirSync(schemaDir, { recursive: true });
for (const file of readdirSync(schemaDir)) {
  if (file.endsWith('.schema.json') && !documents.has(`docs/contracts/${file}`))
    rmSync(join(schemaDir, file));
}
for (const [path, text] of documents) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
console.log(`wrote ${documents.size} documents (docs/contracts/, docs/errors.md)`);

if (process.argv.includes('--accept-new')) {
  mkdirSync(join(root, 'contracts/published'), { recursive: true });
  const added = acceptNewContracts(root, catalogueJsonSchemas(contracts));
  console.log(added.length === 0 ? 'baseline unchanged' : `baseline: added ${added.join(', ')}`);
}
