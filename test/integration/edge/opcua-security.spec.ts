import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMillwrightError } from '../../../contracts/index.ts';
import type { EdgeLogger, SecretReader } from '../../../edge/common/index.ts';
import { memoryOutlet, type EncodedFrame } from '../../../edge/framing/index.ts';
import {
  ensureOwnCertificate,
  listCertificates,
  OpcuaAdapter,
  ownCertificateFile,
} from '../../../edge/opcua/index.ts';
import { OpcuaPlantServer } from '../../../edge/simulator/opcua-plant-server.ts';
import { templateSecretReader } from '../../../services/platform/index.ts';
import { exampleTemplate, plant, samplesOf, waitFor } from '../../support/edge/index.ts';
import { trustServer } from '../../support/edge/opcua-trust.ts';
import { freePort } from '../../support/servers/index.ts';
import { waitFor as waitUntil } from '../../support/wait-for.ts';

const root = join(import.meta.dirname, '../../..');
const millwright = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, 'bin/millwright.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

/** A logger that keeps what it was told, to check warnings and that no secret is logged. */
function recordingLogger(): EdgeLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (obj: object, msg?: string) => lines.push(`${JSON.stringify(obj)} ${msg ?? ''}`);
  return { lines, debug: keep, info: keep, warn: keep, error: keep };
}

interface AdapterSetup {
  readonly endpoint: string;
  readonly pki: string;
  readonly security?: string;
  readonly frames?: EncodedFrame[];
  readonly secrets?: SecretReader;
  readonly logger?: EdgeLogger;
}

function adapter(setup: AdapterSetup): OpcuaAdapter {
  const frames = setup.frames ?? [];
  const text =
    setup.security === undefined
      ? exampleTemplate
      : exampleTemplate.replace(
          'publishingIntervalMs: 100',
          `publishingIntervalMs: 100\n    security: ${setup.security}`,
        );
  return new OpcuaAdapter({
    model: plant({ opcua: setup.endpoint }, text),
    source: 'presses',
    outlet: memoryOutlet((f) => frames.push(f)),
    framing: { maxAgeMs: 20 },
    pkiFolder: setup.pki,
    ...(setup.secrets === undefined ? {} : { secrets: setup.secrets }),
    ...(setup.logger === undefined ? {} : { logger: setup.logger }),
  });
}

describe('OPC UA SignAndEncrypt with explicit trust on both sides', () => {
  let dir: string;
  let server: OpcuaPlantServer;
  const client = () => join(dir, 'client');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-pki-'));
    server = new OpcuaPlantServer({
      port: await freePort(),
      machines: ['Press1', 'Press2'],
      pkiFolder: join(dir, 'server'),
      users: [{ username: 'edge', password: 's3cret' }],
    });
    // The server trusts this edge's certificate; the edge does not trust the server's yet.
    server.trustClient((await ensureOwnCertificate(client())).file);
    await server.start();
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an unknown server certificate with a clear error, and connects after `certs trust`', async () => {
    const error = await failure(adapter({ endpoint: server.endpointUrl, pki: client() }).start());
    expect(isMillwrightError(error, 'MW_EDGE_OPCUA_CERT_UNTRUSTED')).toBe(true);
    expect((error as Error).message).toMatch(/millwright certs trust <thumbprint> --pki/);
    const [rejected] = listCertificates(client());
    expect(rejected?.status).toBe('rejected');
    expect((error as { data: { rejected: { thumbprint: string }[] } }).data.rejected).toEqual([
      expect.objectContaining({ thumbprint: rejected?.thumbprint }),
    ]);

    expect(millwright('certs', 'list', '--pki', client())).toContain(
      `rejected ${rejected?.thumbprint}`,
    );
    expect(millwright('certs', 'trust', rejected!.thumbprint, '--pki', client())).toContain(
      'trusted',
    );

    const frames: EncodedFrame[] = [];
    const trusted = adapter({ endpoint: server.endpointUrl, pki: client(), frames });
    await trusted.start();
    server.tick();
    await waitFor(() => {
      trusted.builder.flush();
      return samplesOf(frames).some(
        (s) => s.value === server.ticks && s.workCenter === 'WC-PRESS-1',
      );
    }, 'encrypted data arrives');
    await trusted.stop();
  }, 60_000);

  it('authenticates with a password from passwordFile over Aes128_Sha256_RsaOaep, never logging it', async () => {
    const passwordFile = join(dir, 'opcua.password');
    writeFileSync(passwordFile, 's3cret\n', { mode: 0o400 });
    const frames: EncodedFrame[] = [];
    const logger = recordingLogger();
    const withUser = adapter({
      endpoint: server.endpointUrl,
      pki: client(),
      frames,
      logger,
      secrets: templateSecretReader(),
      security: `{ mode: SignAndEncrypt, policy: Aes128_Sha256_RsaOaep, user: { username: edge, passwordFile: '${passwordFile}' } }`,
    });
    await withUser.start();
    server.tick();
    await waitFor(() => {
      withUser.builder.flush();
      return samplesOf(frames).some((s) => s.value === server.ticks);
    }, 'data with a user session');
    await withUser.stop();
    expect(logger.lines.join('\n')).not.toContain('s3cret');

    // passwordEnv: the variable is read through the platform's configuration module.
    const wrong = adapter({
      endpoint: server.endpointUrl,
      pki: client(),
      secrets: templateSecretReader({ MW_TEST_OPCUA_PASSWORD: 'guess' }),
      security:
        '{ policy: Aes128_Sha256_RsaOaep, user: { username: edge, passwordEnv: MW_TEST_OPCUA_PASSWORD } }',
    });
    const error = await failure(wrong.start());
    expect(isMillwrightError(error, 'MW_EDGE_OPCUA_CONNECT_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/BadUserAccessDenied|BadIdentityTokenRejected/);
    expect((error as Error).message).not.toContain('guess');
    await wrong.stop();

    const unset = adapter({
      endpoint: server.endpointUrl,
      pki: client(),
      secrets: templateSecretReader({}),
      security: '{ user: { username: edge, passwordEnv: MW_TEST_OPCUA_PASSWORD } }',
    });
    const missing = await failure(unset.start());
    expect(isMillwrightError(missing, 'MW_CONFIG_INVALID')).toBe(true);
    expect((missing as Error).message).toContain(
      'sources.presses.security.user.passwordEnv: environment variable MW_TEST_OPCUA_PASSWORD is not set',
    );
  }, 60_000);

  it("names the edge's certificate when the server does not trust it, and connects once the server trusts it", async () => {
    const stranger = join(dir, 'stranger');
    const own = await ensureOwnCertificate(stranger);
    trustServer(server, stranger);
    const error = await failure(adapter({ endpoint: server.endpointUrl, pki: stranger }).start());
    expect(isMillwrightError(error, 'MW_EDGE_OPCUA_CONNECT_FAILED')).toBe(true);
    expect((error as Error).message).toContain(
      `did not accept this edge's certificate (${ownCertificateFile(stranger)}, thumbprint ${own.thumbprint})`,
    );
    // The server keeps it in its rejected/ folder; the same CLI trusts it there.
    const serverPki = join(dir, 'server');
    expect(listCertificates(serverPki)).toContainEqual(
      expect.objectContaining({ status: 'rejected', thumbprint: own.thumbprint }),
    );
    millwright('certs', 'trust', own.thumbprint, '--pki', serverPki);
    await waitUntil(
      'the server trusts the edge',
      async () => {
        const attempt = adapter({ endpoint: server.endpointUrl, pki: stranger });
        const failed = await failure(attempt.start());
        await attempt.stop();
        return failed === undefined;
      },
      30_000,
      500,
    );
  }, 60_000);

  it('rejects the server again after `certs reject`', async () => {
    const [trusted] = listCertificates(client()).filter((c) => c.status === 'trusted');
    expect(millwright('certs', 'reject', trusted!.thumbprint, '--pki', client())).toContain(
      'rejected',
    );
    const error = await failure(adapter({ endpoint: server.endpointUrl, pki: client() }).start());
    expect(isMillwrightError(error, 'MW_EDGE_OPCUA_CERT_UNTRUSTED')).toBe(true);
  }, 60_000);
});

describe('OPC UA with SecurityMode None is refused when the template demands SignAndEncrypt', () => {
  let dir: string;
  let insecure: OpcuaPlantServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-none-'));
    insecure = new OpcuaPlantServer({
      port: await freePort(),
      machines: ['Press1', 'Press2'],
      securityModes: ['None'],
    });
    await insecure.start();
  }, 60_000);
  afterAll(async () => {
    await insecure.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a server whose only endpoint is None, naming what it offers', async () => {
    // The example template writes no security: SignAndEncrypt / Basic256Sha256 is demanded.
    const edge = adapter({ endpoint: insecure.endpointUrl, pki: join(dir, 'client') });
    const error = await failure(edge.start());
    expect(isMillwrightError(error, 'MW_EDGE_OPCUA_NO_SECURE_ENDPOINT')).toBe(true);
    expect((error as { data: unknown }).data).toEqual({
      endpoint: insecure.endpointUrl,
      demanded: 'SignAndEncrypt/Basic256Sha256',
      offered: ['None/None'],
    });
    expect((error as Error).message).toContain('it offers None/None');
    expect(edge.metrics.count('samples')).toBe(0);
    await edge.stop();
  }, 60_000);

  it('connects with None only when the template says so, with a warning at start', async () => {
    const logger = recordingLogger();
    const frames: EncodedFrame[] = [];
    const edge = adapter({
      endpoint: insecure.endpointUrl,
      pki: join(dir, 'client'),
      security: '{ mode: None }',
      frames,
      logger,
    });
    await edge.start();
    insecure.tick();
    await waitFor(() => {
      edge.builder.flush();
      return samplesOf(frames).some((s) => s.value === insecure.ticks);
    }, 'data over None');
    await edge.stop();
    const warnings = logger.lines.filter((l) => l.includes('MW_EDGE_SECURITY_WEAKENED'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"option":"sources.presses.security.mode"');
    expect(warnings[0]).toContain('OPC UA SecurityMode None');
  }, 60_000);
});
