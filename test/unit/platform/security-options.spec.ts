// Security options fail at start naming the option (a test per message), and secrets never
// reach a log line, a JSON dump of the configuration or the transporter options.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import pino from 'pino';
import { isMillwrightError } from '../../../contracts/index.ts';
import {
  createBrokerOptions,
  loadConfig,
  REDACTED_PATHS,
} from '../../../services/platform/index.ts';
import { natsTransporterOptions } from '../../../services/platform/nats-security.ts';
import { Secret } from '../../../services/platform/secret.ts';

const dir = mkdtempSync(join(tmpdir(), 'mw-secopts-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isMillwrightError(error, 'MW_CONFIG_INVALID')) return error.message;
    throw error;
  }
  throw new Error('expected MW_CONFIG_INVALID');
}

describe('security options', () => {
  it.each([
    [
      { MILLWRIGHT_NATS_TLS_CERT_FILE: 'c.pem' },
      'MILLWRIGHT_NATS_TLS_CERT_FILE: set together with MILLWRIGHT_NATS_TLS_KEY_FILE',
    ],
    [
      { MILLWRIGHT_MQTT_TLS_KEY_FILE: 'k.pem' },
      'MILLWRIGHT_MQTT_TLS_CERT_FILE: set together with MILLWRIGHT_MQTT_TLS_KEY_FILE',
    ],
    [
      {
        MILLWRIGHT_NATS_USERNAME: 'u',
        MILLWRIGHT_NATS_PASSWORD: 'p',
        MILLWRIGHT_NATS_PASSWORD_FILE: 'f',
      },
      'MILLWRIGHT_NATS_PASSWORD: set either it or MILLWRIGHT_NATS_PASSWORD_FILE',
    ],
    [{ MILLWRIGHT_MQTT_PASSWORD: 'p' }, 'MILLWRIGHT_MQTT_USERNAME: a password needs a username'],
    [
      { MILLWRIGHT_NATS_USERNAME: 'u', MILLWRIGHT_NATS_NKEY_SEED_FILE: 's.nk' },
      'MILLWRIGHT_NATS_NKEY_SEED_FILE: set either it or MILLWRIGHT_NATS_USERNAME',
    ],
    [
      { MILLWRIGHT_GATEWAY_TLS_KEY_FILE: 'k.pem' },
      'MILLWRIGHT_GATEWAY_TLS_CERT_FILE: set together with MILLWRIGHT_GATEWAY_TLS_KEY_FILE',
    ],
    [
      { MILLWRIGHT_GATEWAY_JWT_SECRET: 'short' },
      'MILLWRIGHT_GATEWAY_JWT_SECRET: at least 32 characters',
    ],
    [
      { MILLWRIGHT_GATEWAY_JWT_SECRET: 'x'.repeat(32), MILLWRIGHT_GATEWAY_JWT_SECRET_FILE: 'f' },
      'MILLWRIGHT_GATEWAY_JWT_SECRET: set either it or MILLWRIGHT_GATEWAY_JWT_SECRET_FILE',
    ],
    [
      { MILLWRIGHT_GATEWAY_API_KEYS: 'line-1:operator:abc' },
      'MILLWRIGHT_GATEWAY_API_KEYS: entries id:role:sha256hex',
    ],
    [{ MILLWRIGHT_GATEWAY_PORT: '70000' }, 'MILLWRIGHT_GATEWAY_PORT: 0 (any free port) to 65535'],
    [
      { MILLWRIGHT_GATEWAY_RATE_LIMIT_BURST: '0' },
      'MILLWRIGHT_GATEWAY_RATE_LIMIT_BURST: 1 to 100000',
    ],
    [
      { MILLWRIGHT_READY_SERVICES: 'orders,,x' },
      'MILLWRIGHT_READY_SERVICES: service names separated by commas',
    ],
  ])('refuses %j naming the option', (env, message) => {
    expect(failure(() => loadConfig(env))).toContain(message);
  });

  it('turns NATS TLS on for a tls:// transporter even without files', () => {
    expect(loadConfig({ TRANSPORTER: 'tls://nats.plant:4222' }).nats.tls).toEqual({});
    expect(loadConfig({ TRANSPORTER: 'nats://nats.plant:4222' }).nats.tls).toBeUndefined();
  });

  it('fails at broker creation naming the option of a missing file', () => {
    const config = loadConfig({
      TRANSPORTER: 'nats://127.0.0.1:4222',
      MILLWRIGHT_NATS_TLS_CA_FILE: join(dir, 'missing-ca.pem'),
    });
    expect(failure(() => createBrokerOptions(config))).toMatch(
      /MILLWRIGHT_NATS_TLS_CA_FILE: cannot read .*missing-ca\.pem \(ENOENT\)/,
    );
    const seedless = loadConfig({
      TRANSPORTER: 'nats://127.0.0.1:4222',
      MILLWRIGHT_NATS_NKEY_SEED_FILE: join(dir, 'none.nk'),
    });
    expect(failure(() => createBrokerOptions(seedless))).toMatch(
      /MILLWRIGHT_NATS_NKEY_SEED_FILE: cannot read/,
    );
  });

  it('keeps passwords out of the configuration dump and the transporter options', () => {
    const passwordFile = join(dir, 'nats.password');
    writeFileSync(passwordFile, 'file-secret-123\n');
    const inline = loadConfig({
      TRANSPORTER: 'nats://127.0.0.1:4222',
      MILLWRIGHT_NATS_USERNAME: 'node',
      MILLWRIGHT_NATS_PASSWORD: 'inline-secret-456',
      MILLWRIGHT_GATEWAY_JWT_SECRET: 'jwt-secret-0123456789-0123456789-xyz',
    });
    const dump = `${JSON.stringify(inline)} ${inspect(inline, { depth: 5 })}`;
    expect(dump).not.toContain('inline-secret-456');
    expect(dump).not.toContain('jwt-secret-0123456789');
    expect(dump).toContain('[redacted]');
    const fromFile = loadConfig({
      TRANSPORTER: 'nats://127.0.0.1:4222',
      MILLWRIGHT_NATS_USERNAME: 'node',
      MILLWRIGHT_NATS_PASSWORD_FILE: passwordFile,
    });
    const options = natsTransporterOptions('nats://127.0.0.1:4222', fromFile.nats);
    expect(typeof options.authenticator).toBe('function');
    expect(JSON.stringify(options)).not.toContain('file-secret-123');
    expect(options.authenticator?.()).toEqual({ user: 'node', pass: 'file-secret-123' });
  });

  it('shows a Secret as [redacted] everywhere but reveal()', () => {
    const secret = new Secret('hunter2');
    expect([String(secret), JSON.stringify({ secret }), inspect(secret)]).toEqual([
      '[redacted]',
      '{"secret":"[redacted]"}',
      'Secret([redacted])',
    ]);
    expect(secret.reveal()).toBe('hunter2');
  });

  it('redacts credentials in log lines at the paths the transports and the gateway use', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      password: 'p1',
      opts: { pass: 'p2', seed: 's1', tls: { key: 'PEM-KEY' } },
      req: { headers: { authorization: 'Bearer t1', 'x-api-key': 'k1' } },
      nats: { options: { pass: 'p3' } },
    });
    const line = lines.join('');
    for (const secret of ['p1', 'p2', 'p3', 's1', 'PEM-KEY', 'Bearer t1', 'k1'])
      expect(line).not.toContain(`"${secret}"`);
  });
});
