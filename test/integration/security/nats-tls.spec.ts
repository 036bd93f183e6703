// A TLS-only nats-server that verifies client certificates and requires credentials (a user
// with a password, a user with an NKey), started by the test with a throwaway CA: clients
// without credentials, with a wrong password, without a certificate or with a certificate from
// another CA cannot connect; the right ones can, and Millwright brokers join over it.
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { ServiceBroker, type Context } from 'moleculer';
import { connect, nkeys, type ConnectionOptions, type NatsConnection } from 'nats';
import { gatewayAddress, gatewayService } from '../../../services/gateway.service.ts';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { createPki, type CertificatePair, type TestCa, type TestPki } from '../../support/pki.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';

const PASSWORD = 'correct-horse-battery-staple';

describeWithServers(['nats-server'], 'NATS over TLS with credentials', () => {
  let pki: TestPki;
  let ca: TestCa;
  let client: CertificatePair;
  let rogueClient: CertificatePair;
  let nats: TestNatsServer;
  let nkeySeedFile: string;
  let passwordFile: string;

  beforeAll(async () => {
    pki = createPki();
    ca = pki.createCa('plant');
    const server = ca.issue('nats-server', 'server');
    client = ca.issue('millwright-node', 'client');
    rogueClient = pki.createCa('rogue').issue('rogue-node', 'client');
    // nats re-exports nkeys.js without types.
    const user = (
      nkeys as { createUser(): { getSeed(): Uint8Array; getPublicKey(): string } }
    ).createUser();
    nkeySeedFile = join(pki.dir, 'node.nk');
    writeFileSync(nkeySeedFile, `${new TextDecoder().decode(user.getSeed())}\n`);
    passwordFile = join(pki.dir, 'nats.password');
    writeFileSync(passwordFile, `${PASSWORD}\n`);
    const conf = join(pki.dir, 'nats.conf');
    writeFileSync(
      conf,
      [
        'tls {',
        `  cert_file: "${server.certFile}"`,
        `  key_file: "${server.keyFile}"`,
        `  ca_file: "${ca.caFile}"`,
        '  verify: true',
        '  timeout: 2',
        '}',
        'authorization {',
        '  users = [',
        `    { user: "millwright", password: "${PASSWORD}" }`,
        `    { nkey: "${user.getPublicKey()}" }`,
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    nats = await startNatsServer(['-c', conf]);
  });

  afterAll(async () => {
    await nats.dispose();
    pki.dispose();
  });

  const servers = () => `127.0.0.1:${nats.port}`;
  const tls = (pair: CertificatePair | undefined, caFile = ca.caFile) => ({
    caFile,
    ...(pair === undefined ? {} : { certFile: pair.certFile, keyFile: pair.keyFile }),
  });

  /** Connects once, no retries; resolves with 'connected' or the error code / message. */
  async function attempt(options: ConnectionOptions): Promise<string> {
    let connection: NatsConnection | undefined;
    try {
      connection = await connect({
        servers: servers(),
        timeout: 3_000,
        reconnect: false,
        ...options,
      });
      await connection.flush();
      return 'connected';
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return e.code ?? e.message ?? 'error';
    } finally {
      await connection?.close();
    }
  }

  it('accepts the right certificate with the right password', async () => {
    expect(await attempt({ tls: tls(client), user: 'millwright', pass: PASSWORD })).toBe(
      'connected',
    );
  });

  it('refuses a client without credentials and one with a wrong password', async () => {
    expect(await attempt({ tls: tls(client) })).toBe('AUTHORIZATION_VIOLATION');
    expect(await attempt({ tls: tls(client), user: 'millwright', pass: 'wrong' })).toBe(
      'AUTHORIZATION_VIOLATION',
    );
  });

  it('refuses a client without a certificate, or with a certificate from another CA', async () => {
    const withoutCert = await attempt({ tls: tls(undefined), user: 'millwright', pass: PASSWORD });
    const rogue = await attempt({ tls: tls(rogueClient), user: 'millwright', pass: PASSWORD });
    // The server ends the TLS handshake (a bad_certificate alert, or a reset when the alert
    // races the close): the credentials are never even read.
    expect(withoutCert).toMatch(/CERTIFICATE|ECONNRESET|EPIPE/);
    expect(rogue).toMatch(/CERTIFICATE|ECONNRESET|EPIPE/);
  });

  it('refuses to talk to a server whose certificate its CA did not sign', async () => {
    const outcome = await attempt({
      tls: tls(client, pki.createCa('other').caFile),
      user: 'millwright',
      pass: PASSWORD,
    });
    expect(outcome).toMatch(/UNABLE_TO_VERIFY|CERT/);
  });

  it('joins two Millwright brokers over TLS, one with a password file, one with an NKey seed', async () => {
    const common = {
      TRANSPORTER: `tls://127.0.0.1:${nats.port}`,
      MILLWRIGHT_NATS_TLS_CA_FILE: ca.caFile,
      MILLWRIGHT_NATS_TLS_CERT_FILE: client.certFile,
      MILLWRIGHT_NATS_TLS_KEY_FILE: client.keyFile,
      LOG_LEVEL: 'error',
      MILLWRIGHT_METRICS_PORT: '0',
      MILLWRIGHT_DATA_DIR: pki.dir,
    };
    const serving = loadConfig({
      ...common,
      MILLWRIGHT_NODE_ID: 'secure-a',
      MILLWRIGHT_NATS_USERNAME: 'millwright',
      MILLWRIGHT_NATS_PASSWORD_FILE: passwordFile,
      MILLWRIGHT_GATEWAY_PORT: '0',
      MILLWRIGHT_GATEWAY_TLS_CERT_FILE: ca.issue('gateway', 'server').certFile,
      MILLWRIGHT_GATEWAY_TLS_KEY_FILE: join(pki.dir, 'gateway.key'),
      MILLWRIGHT_READY_SERVICES: 'secure',
    });
    const calling = loadConfig({
      ...common,
      MILLWRIGHT_NODE_ID: 'secure-b',
      MILLWRIGHT_NATS_NKEY_SEED_FILE: nkeySeedFile,
    });
    const a = new ServiceBroker(createBrokerOptions(serving));
    a.createService({
      name: 'secure',
      actions: { echo: (ctx: Context<{ n: number }>) => ({ n: ctx.params.n, node: a.nodeID }) },
    });
    a.createService(gatewayService(serving));
    const b = new ServiceBroker(createBrokerOptions(calling));
    try {
      await Promise.all([a.start(), b.start()]);
      await b.waitForServices(['secure'], 15_000);
      expect(await b.call('secure.echo', { n: 7 })).toEqual({ n: 7, node: 'secure-a' });
      // The gateway of node a speaks HTTPS and reports the transporter connected.
      const { url } = gatewayAddress(a)!;
      expect(url).toMatch(/^https:/);
      const ready = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${url}/ready`, { ca: readFileSync(ca.caFile) }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body });
          });
        });
        req.on('error', reject);
        req.end();
      });
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toMatchObject({
        checks: { transporter: 'connected', services: { secure: 'available' } },
      });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
