// API keys: only their SHA-256 digests are kept at rest (a key file or an environment entry);
// a presented key is hashed and looked up. Keys are 32 random bytes, so a fast hash suffices
// (see docs/decisions/0601-api-keys-sha256-at-rest.md). Must not log a key or keep one.
import { createHash, randomBytes } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MillwrightError } from '../../contracts/index.ts';
import type { GatewayConfig } from '../platform/gateway-config.ts';
import { readOptionFile } from '../platform/secret.ts';
import { Role } from './roles.ts';

const KeyId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "-", "_"');
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits (sha256)');

export const ApiKeyEntry = z.strictObject({ id: KeyId, role: Role, sha256: Sha256Hex });
export type ApiKeyEntry = z.infer<typeof ApiKeyEntry>;

/** The key file: `keys: [{ id, role, sha256 }]`, as YAML or JSON. */
export const ApiKeyFile = z.strictObject({ keys: z.array(ApiKeyEntry) });

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key and the digest to put in the key file; show the key once, keep the digest. */
export function createApiKey(): { key: string; sha256: string } {
  const key = `mwk_${randomBytes(32).toString('base64url')}`;
  return { key, sha256: hashApiKey(key) };
}

function invalid(option: string, detail: string, data?: unknown): MillwrightError {
  return new MillwrightError('MW_CONFIG_INVALID', `invalid configuration: ${option}: ${detail}`, {
    option,
    ...(data === undefined ? {} : { detail: data }),
  });
}

function fromFile(path: string): ApiKeyEntry[] {
  const option = 'MILLWRIGHT_GATEWAY_API_KEYS_FILE';
  const text = readOptionFile(option, path).toString('utf8');
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw invalid(option, `${path} is not YAML or JSON`, (error as Error).message);
  }
  const parsed = ApiKeyFile.safeParse(document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') ?? '';
    throw invalid(option, `${path}: ${where} ${first?.message ?? ''}`.trim(), parsed.error.issues);
  }
  return parsed.data.keys;
}

function fromEnvironment(value: string): ApiKeyEntry[] {
  return value.split(',').map((raw) => {
    const [id, role, sha256] = raw.trim().split(':');
    const parsed = ApiKeyEntry.safeParse({ id, role, sha256 });
    if (!parsed.success)
      throw invalid(
        'MILLWRIGHT_GATEWAY_API_KEYS',
        `entry "${id ?? ''}" is invalid`,
        parsed.error.issues,
      );
    return parsed.data;
  });
}

export class ApiKeyStore {
  readonly #byDigest = new Map<string, ApiKeyEntry>();

  constructor(entries: readonly ApiKeyEntry[]) {
    const ids = new Set<string>();
    for (const entry of entries) {
      if (ids.has(entry.id))
        throw invalid('MILLWRIGHT_GATEWAY_API_KEYS', `key id "${entry.id}" is listed twice`);
      ids.add(entry.id);
      this.#byDigest.set(entry.sha256, Object.freeze({ ...entry }));
    }
  }

  get size(): number {
    return this.#byDigest.size;
  }

  /** The entry of a presented key, or undefined when no key has its digest. */
  find(key: string): ApiKeyEntry | undefined {
    return this.#byDigest.get(hashApiKey(key));
  }
}

/** Keys from the key file and the environment entry together. */
export function loadApiKeys(config: Pick<GatewayConfig, 'apiKeysFile' | 'apiKeys'>): ApiKeyStore {
  return new ApiKeyStore([
    ...(config.apiKeysFile === undefined ? [] : fromFile(config.apiKeysFile)),
    ...(config.apiKeys === undefined ? [] : fromEnvironment(config.apiKeys)),
  ]);
}
