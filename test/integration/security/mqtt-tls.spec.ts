// Mosquitto with a TLS listener that requires a client certificate from the plant CA and a
// username / password from its password file, started by the test: anonymous clients, wrong
// passwords, clients without a certificate or with one from another CA are refused; the client
// built from Millwright's MQTT options (services/platform/tls-options.ts) is accepted.
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { loadConfig } from '../../../services/platform/index.ts';
import {
  envOptionNames,
  mqttClientSecurity,
  type MqttClientSecurity,
} from '../../../services/platform/tls-options.ts';
import { createPki, type CertificatePair, type TestCa, type TestPki } from '../../support/pki.ts';
import {
  describeWithServers,
  freePort,
  startMosquitto,
  waitForPort,
  type TestMosquitto,
} from '../../support/servers/index.ts';

const PASSWORD = 'mqtt-password-for-line-1';
const NAMES = envOptionNames('MILLWRIGHT_MQTT');

describeWithServers(['mosquitto'], 'MQTT over TLS with credentials', () => {
  let pki: TestPki;
  let ca: TestCa;
  let client: CertificatePair;
  let broker: TestMosquitto;
  let tlsPort: number;
  let passwordFile: string;

  beforeAll(async () => {
    pki = createPki();
    ca = pki.createCa('plant');
    const server = ca.issue('mosquitto', 'server');
    client = ca.issue('edge-1', 'client');
    const passwd = join(pki.dir, 'mosquitto.passwd');
    execFileSync('mosquitto_passwd', ['-b', '-c', passwd, 'edge-1', PASSWORD]);
    chmodSync(passwd, 0o644);
    passwordFile = join(pki.dir, 'mqtt.password');
    writeFileSync(passwordFile, `${PASSWORD}\n`);
    tlsPort = await freePort();
    broker = await startMosquitto([
      // Global in Mosquitto 2.0 (no per_listener_settings): applies to both listeners.
      'allow_anonymous false',
      `password_file ${passwd}`,
      `listener ${tlsPort} 127.0.0.1`,
      `cafile ${ca.caFile}`,
      `certfile ${server.certFile}`,
      `keyfile ${server.keyFile}`,
      'require_certificate true',
    ]);
    await waitForPort(tlsPort);
  });

  afterAll(async () => {
    await broker.dispose();
    pki.dispose();
  });

  /** One connection attempt without reconnects: 'connected', or the error code / message. */
  function attempt(options: MqttClientSecurity): Promise<string> {
    return new Promise((resolve) => {
      const connection = mqtt.connect(`mqtts://127.0.0.1:${tlsPort}`, {
        ...options,
        protocol: 'mqtts',
        reconnectPeriod: 0,
        connectTimeout: 5_000,
      });
      const finish = (outcome: string) => {
        connection.end(true);
        resolve(outcome);
      };
      connection.once('connect', () => {
        finish('connected');
      });
      connection.once('error', (error: Error & { code?: string | number }) => {
        finish(String(error.code ?? error.message));
      });
      connection.once('close', () => {
        finish('closed');
      });
    });
  }

  /** The options an edge adapter gets from Millwright's configuration. */
  function fromConfig(env: Record<string, string>): MqttClientSecurity {
    return mqttClientSecurity(loadConfig(env).mqtt, NAMES);
  }

  const certificate = () => ({
    MILLWRIGHT_MQTT_TLS_CA_FILE: ca.caFile,
    MILLWRIGHT_MQTT_TLS_CERT_FILE: client.certFile,
    MILLWRIGHT_MQTT_TLS_KEY_FILE: client.keyFile,
  });

  it('accepts the client configured with the CA, its certificate and its password file', async () => {
    const options = fromConfig({
      ...certificate(),
      MILLWRIGHT_MQTT_USERNAME: 'edge-1',
      MILLWRIGHT_MQTT_PASSWORD_FILE: passwordFile,
    });
    expect(options).toMatchObject({
      protocol: 'mqtts',
      rejectUnauthorized: true,
      username: 'edge-1',
    });
    expect(await attempt(options)).toBe('connected');
  });

  it('refuses an anonymous client and a wrong password (CONNACK 5, not authorized)', async () => {
    expect(await attempt(fromConfig(certificate()))).toBe('5');
    const wrong = fromConfig({
      ...certificate(),
      MILLWRIGHT_MQTT_USERNAME: 'edge-1',
      MILLWRIGHT_MQTT_PASSWORD: 'not-the-password',
    });
    expect(await attempt(wrong)).toBe('5');
  });

  it('refuses a client without a certificate, or with a certificate from another CA', async () => {
    const rogue = pki.createCa('rogue').issue('rogue-edge', 'client');
    const credentials = { MILLWRIGHT_MQTT_USERNAME: 'edge-1', MILLWRIGHT_MQTT_PASSWORD: PASSWORD };
    const withoutCert = await attempt(
      fromConfig({ MILLWRIGHT_MQTT_TLS_CA_FILE: ca.caFile, ...credentials }),
    );
    const wrongCa = await attempt(
      fromConfig({
        MILLWRIGHT_MQTT_TLS_CA_FILE: ca.caFile,
        MILLWRIGHT_MQTT_TLS_CERT_FILE: rogue.certFile,
        MILLWRIGHT_MQTT_TLS_KEY_FILE: rogue.keyFile,
        ...credentials,
      }),
    );
    // The TLS handshake fails before MQTT: the broker alerts certificate required / unknown CA.
    expect(withoutCert).toMatch(/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|ECONNRESET|EPIPE/);
    expect(wrongCa).toMatch(/UNKNOWN_CA|ECONNRESET|EPIPE/);
  });
});
