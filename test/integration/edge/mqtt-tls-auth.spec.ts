import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { memoryOutlet, type EncodedFrame } from '../../../edge/framing/index.ts';
import type { EdgeLogger } from '../../../edge/common/index.ts';
import { MqttJsonAdapter } from '../../../edge/mqtt/index.ts';
import { templateSecretReader } from '../../../services/platform/index.ts';
import { exampleTemplate, plant, samplesOf, waitFor } from '../../support/edge/index.ts';
import {
  describeWithServers,
  findBinary,
  freePort,
  startMosquitto,
  waitForPort,
  type TestMosquitto,
} from '../../support/servers/index.ts';

/** A CA and a server certificate for 127.0.0.1, made with openssl for this test only. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const ca = join(dir, 'ca.pem');
  const cert = join(dir, 'server.pem');
  const key = join(dir, 'server.key');
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=mw-test-ca',
    '-keyout',
    join(dir, 'ca.key'),
    '-out',
    ca,
  );
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    key,
    '-out',
    join(dir, 'server.csr'),
  );
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl(
    'x509',
    '-req',
    '-in',
    join(dir, 'server.csr'),
    '-CA',
    ca,
    '-CAkey',
    join(dir, 'ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    join(dir, 'san.ext'),
    '-out',
    cert,
  );
  return { ca, cert, key };
}

// openssl and mosquitto_passwd (Debian's mosquitto package ships it) make the test's secrets.
describeWithServers(['mosquitto'], 'MQTT over TLS with user name and password', () => {
  let broker: TestMosquitto;
  let dir: string;
  let tlsPort: number;
  let ca: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-mqtt-tls-'));
    const files = makeCertificates(dir);
    ca = files.ca;
    const passwords = join(dir, 'passwords');
    execFileSync(findBinary('mosquitto_passwd')!, ['-c', '-b', passwords, 'edge', 's3cret'], {
      stdio: 'ignore',
    });
    tlsPort = await freePort();
    broker = await startMosquitto([
      `password_file ${passwords}`,
      `listener ${tlsPort} 127.0.0.1`,
      `cafile ${files.ca}`,
      `certfile ${files.cert}`,
      `keyfile ${files.key}`,
    ]);
    await waitForPort(tlsPort);
  });
  afterAll(async () => {
    await broker.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The UNS source over TLS; its password referenced by `reference` (passwordFile / passwordEnv). */
  function adapter(
    frames: EncodedFrame[],
    reference: string,
    env: Record<string, string> = {},
    logger?: EdgeLogger,
  ): MqttJsonAdapter {
    const text = exampleTemplate.replace(
      'url: mqtt://127.0.0.1:1883\n    clientId: millwright-p100-uns',
      `url: mqtts://127.0.0.1:${tlsPort}\n    clientId: millwright-p100-uns\n    username: edge\n    ${reference}\n    tls: { caFile: '${ca}' }`,
    );
    return new MqttJsonAdapter({
      model: plant({}, text),
      source: 'uns',
      outlet: memoryOutlet((f) => frames.push(f)),
      framing: { maxAgeMs: 20 },
      reconnectPeriodMs: 0,
      secrets: templateSecretReader(env),
      ...(logger === undefined ? {} : { logger }),
    });
  }

  it('receives over TLS with a password from passwordFile, verifying the broker against the CA', async () => {
    const passwordFile = join(dir, 'mqtt.password');
    writeFileSync(passwordFile, 's3cret\n', { mode: 0o400 });
    const frames: EncodedFrame[] = [];
    const lines: string[] = [];
    const keep = (obj: object, msg?: string) => lines.push(`${JSON.stringify(obj)} ${msg ?? ''}`);
    const edge = adapter(
      frames,
      `passwordFile: '${passwordFile}'`,
      {},
      {
        debug: keep,
        info: keep,
        warn: keep,
        error: keep,
      },
    );
    await edge.start();
    const publisher = await connectAsync(broker.url, {
      protocolVersion: 5,
      username: 'edge',
      password: 's3cret',
    });
    for (let i = 1; i <= 10; i += 1)
      await publisher.publishAsync('acme/p100/assembly/WC-ASSY-1/good', String(i), { qos: 1 });
    await publisher.endAsync();
    await waitFor(() => edge.metrics.count('samples') === 10, 'samples over TLS');
    await edge.stop();
    expect(samplesOf(frames).map((s) => s.value)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('is refused with a wrong password from passwordEnv', async () => {
    const wrong = adapter([], 'passwordEnv: MW_TEST_MQTT_PASSWORD', {
      MW_TEST_MQTT_PASSWORD: 'guess',
    });
    await expect(wrong.start()).rejects.toThrow(/Not authorized|Bad User Name or Password/i);
  });
});
