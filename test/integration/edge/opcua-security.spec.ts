import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMillwrightError } from '../../../contracts/index.ts';
import { memoryOutlet, type EncodedFrame } from '../../../edge/framing/index.ts';
import { listCertificates, OpcuaAdapter } from '../../../edge/opcua/index.ts';
import { OpcuaPlantServer } from '../../../edge/simulator/opcua-plant-server.ts';
import { exampleTemplate, plant, samplesOf, waitFor } from '../../support/edge/index.ts';
import { freePort } from '../../support/servers/index.ts';

const root = join(import.meta.dirname, '../../..');
const millwright = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, 'bin/millwright.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('OPC UA SignAndEncrypt with an explicit trust list', () => {
  let dir: string;
  let server: OpcuaPlantServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-pki-'));
    server = new OpcuaPlantServer({
      port: await freePort(),
      machines: ['Press1', 'Press2'],
      pkiFolder: join(dir, 'server'),
      secure: true,
      users: [{ username: 'edge', password: 's3cret' }],
    });
    await server.start();
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function adapter(frames: EncodedFrame[], policy = 'Basic256Sha256', user = ''): OpcuaAdapter {
    const secured = exampleTemplate.replace(
      'publishingIntervalMs: 100',
      `publishingIntervalMs: 100\n    security: { mode: SignAndEncrypt, policy: ${policy}, pkiFolder: '${join(dir, 'client')}'${user} }`,
    );
    return new OpcuaAdapter({
      model: plant({ opcua: server.endpointUrl }, secured),
      source: 'presses',
      outlet: memoryOutlet((f) => frames.push(f)),
      framing: { maxAgeMs: 20 },
    });
  }

  it('rejects an unknown server certificate with a clear error, and connects after `certs trust`', async () => {
    const error = await adapter([])
      .start()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isMillwrightError(error, 'MW_EDGE_OPCUA_CERT_UNTRUSTED')).toBe(true);
    expect((error as Error).message).toMatch(/millwright certs trust <thumbprint> --pki/);
    const [rejected] = listCertificates(join(dir, 'client'));
    expect(rejected?.status).toBe('rejected');
    expect((error as { data: { rejected: { thumbprint: string }[] } }).data.rejected).toEqual([
      expect.objectContaining({ thumbprint: rejected?.thumbprint }),
    ]);

    const pki = join(dir, 'client');
    expect(millwright('certs', 'list', '--pki', pki)).toContain(`rejected ${rejected?.thumbprint}`);
    expect(millwright('certs', 'trust', rejected!.thumbprint, '--pki', pki)).toContain('trusted');

    const frames: EncodedFrame[] = [];
    const trusted = adapter(frames);
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

  it('authenticates with user name and password over an Aes128_Sha256_RsaOaep channel', async () => {
    const frames: EncodedFrame[] = [];
    const user = ', user: { username: edge, password: s3cret }';
    const withUser = adapter(frames, 'Aes128_Sha256_RsaOaep', user);
    await withUser.start();
    server.tick();
    await waitFor(() => {
      withUser.builder.flush();
      return samplesOf(frames).some((s) => s.value === server.ticks);
    }, 'data with a user session');
    await withUser.stop();

    const wrong = adapter(
      [],
      'Aes128_Sha256_RsaOaep',
      ', user: { username: edge, password: guess }',
    );
    const error = await wrong.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMillwrightError(error, 'MW_EDGE_OPCUA_CONNECT_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/BadUserAccessDenied|BadIdentityTokenRejected/);
    await wrong.stop();
  }, 60_000);

  it('rejects the server again after `certs reject`', async () => {
    const pki = join(dir, 'client');
    const [trusted] = listCertificates(pki);
    expect(millwright('certs', 'reject', trusted!.thumbprint, '--pki', pki)).toContain('rejected');
    const error = await adapter([])
      .start()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isMillwrightError(error, 'MW_EDGE_OPCUA_CERT_UNTRUSTED')).toBe(true);
  }, 60_000);
});
