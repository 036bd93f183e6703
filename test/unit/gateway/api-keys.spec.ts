// API keys are kept as SHA-256 digests (key file as YAML or JSON, and environment entries); a
// presented key is found by its digest. Bad files and entries fail naming their option.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMillwrightError } from '../../../contracts/index.ts';
import { createApiKey, hashApiKey, loadApiKeys } from '../../../services/gateway/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'mw-keys-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function configError(run: () => unknown): { message: string; data: unknown } {
  try {
    run();
  } catch (error) {
    if (isMillwrightError(error, 'MW_CONFIG_INVALID')) return error;
    throw error;
  }
  throw new Error('expected MW_CONFIG_INVALID');
}

describe('API keys', () => {
  const operator = createApiKey();
  const viewer = createApiKey();

  it('creates random keys whose digest is the SHA-256 of the key', () => {
    expect(operator.key).toMatch(/^mwk_[A-Za-z0-9_-]{43}$/);
    expect(operator.sha256).toBe(hashApiKey(operator.key));
    expect(operator.key).not.toBe(viewer.key);
  });

  it('finds keys from a YAML key file and from the environment entry', () => {
    const keysFile = file(
      'keys.yaml',
      `# digests only\nkeys:\n  - id: line-1\n    role: operator\n    sha256: ${operator.sha256}\n`,
    );
    const store = loadApiKeys({ apiKeysFile: keysFile, apiKeys: `board:viewer:${viewer.sha256}` });
    expect(store.size).toBe(2);
    expect(store.find(operator.key)).toEqual({
      id: 'line-1',
      role: 'operator',
      sha256: operator.sha256,
    });
    expect(store.find(viewer.key)?.role).toBe('viewer');
    expect(store.find(`${operator.key}x`)).toBeUndefined();
    expect(store.find(operator.sha256)).toBeUndefined();
  });

  it('reads a JSON key file too', () => {
    const keysFile = file(
      'keys.json',
      JSON.stringify({ keys: [{ id: 'a', role: 'admin', sha256: operator.sha256 }] }),
    );
    expect(
      loadApiKeys({ apiKeysFile: keysFile, apiKeys: undefined }).find(operator.key)?.role,
    ).toBe('admin');
  });

  it('refuses a missing key file naming the option', () => {
    const error = configError(() =>
      loadApiKeys({ apiKeysFile: join(dir, 'nope.yaml'), apiKeys: undefined }),
    );
    expect(error.message).toMatch(
      /MILLWRIGHT_GATEWAY_API_KEYS_FILE: cannot read .*nope\.yaml \(ENOENT\)/,
    );
  });

  it('refuses a key file with an unknown role or a plain key instead of a digest', () => {
    const badRole = file('role.yaml', `keys: [{ id: a, role: root, sha256: ${operator.sha256} }]`);
    expect(
      configError(() => loadApiKeys({ apiKeysFile: badRole, apiKeys: undefined })).message,
    ).toMatch(/MILLWRIGHT_GATEWAY_API_KEYS_FILE: .*keys\.0\.role/);
    const plain = file('plain.yaml', `keys: [{ id: a, role: viewer, sha256: ${operator.key} }]`);
    expect(
      configError(() => loadApiKeys({ apiKeysFile: plain, apiKeys: undefined })).message,
    ).toMatch(/keys\.0\.sha256 64 lower-case hex digits/);
  });

  it('refuses a key id listed twice and a bad environment entry', () => {
    const twice = `a:viewer:${operator.sha256},a:admin:${viewer.sha256}`;
    expect(
      configError(() => loadApiKeys({ apiKeysFile: undefined, apiKeys: twice })).message,
    ).toMatch(/key id "a" is listed twice/);
    expect(
      configError(() =>
        loadApiKeys({ apiKeysFile: undefined, apiKeys: `a:boss:${operator.sha256}` }),
      ).message,
    ).toMatch(/MILLWRIGHT_GATEWAY_API_KEYS: entry "a" is invalid/);
  });
});
