import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMillwrightError } from '../../../contracts/index.ts';
import {
  memoryOutlet,
  msgpackStandInEncoder,
  type EncodedFrame,
} from '../../../edge/framing/index.ts';
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
    });
    await server.start();
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function adapter(frames: EncodedFrame[]): OpcuaAdapter {
    const secured = exampleTemplate.replace(
      'publishingIntervalMs: 100',
      `publishingIntervalMs: 100\n    security: { mode: SignAndEncrypt, policy: Basic256Sha256, pkiFolder: '${join(dir, 'client')}' }`,
    );
    return new OpcuaAdapter({
      model: plant({ opcua: server.endpointUrl }, secured),
      source: 'presses',
      outlet: memoryOutlet((f) => frames.push(f)),
      encoder: msgpackStandInEncoder,
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
    expect(millwright('certs', 'reject', rejected!.thumbprint, '--pki', pki)).toContain('rejected');
  }, 60_000);
});
