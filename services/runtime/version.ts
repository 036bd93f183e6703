// Millwright's version, read once from package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

export function millwrightVersion(): string {
  cached ??= (
    JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  return cached;
}
