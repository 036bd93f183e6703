// The embedded aedes broker as the demo runs it: MQTT over TLS with a certificate the client
// verifies, and only the logins it was given. No login, a wrong password or an unknown user is
// refused with CONNACK 4 / 5 (MQTT 3.1.1 §3.2.2.3); a client that does not trust the
// certificate, or speaks plain MQTT to the TLS port, never gets a session.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type IClientOptions } from 'mqtt';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../edge/simulator/index.ts';
import {
  demoBrokerSecurity,
  type DemoBrokerSecurity,
} from '../../../services/runtime/demo/demo-broker-security.ts';

describe('the embedded broker with TLS and logins', () => {
  let dir: string;
  let security: DemoBrokerSecurity;
  let broker: EmbeddedBroker;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-aedes-tls-'));
    security = await demoBrokerSecurity(dir);
    broker = await startEmbeddedBroker({ users: [security.edge], tls: security.tls });
  }, 60_000);
  afterAll(async () => {
    await broker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One connection attempt: 'connected', 'refused <CONNACK code>', or why it closed. */
  const attempt = (url: string, options: IClientOptions): Promise<string> =>
    new Promise((resolve) => {
      const client = connect(url, {
        protocolVersion: 4,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
        ...options,
      });
      const done = (outcome: string) => {
        client.end(true);
        resolve(outcome);
      };
      client.once('connect', () => {
        done('connected');
      });
      client.once('error', (error: Error & { code?: number | string }) => {
        done(typeof error.code === 'number' ? `refused ${error.code}` : error.message);
      });
      client.once('close', () => {
        done('closed');
      });
    });

  it('serves mqtts:// and admits its user with the certificate trusted', async () => {
    expect(broker.url).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
    expect(await attempt(broker.url, { ca: security.tls.certPem, ...security.edge })).toBe(
      'connected',
    );
  });

  it('refuses no login, a wrong password and an unknown user', async () => {
    const ca = security.tls.certPem;
    expect(await attempt(broker.url, { ca })).toBe('refused 4');
    expect(
      await attempt(broker.url, { ca, username: security.edge.username, password: 'guess' }),
    ).toBe('refused 4');
    expect(await attempt(broker.url, { ca, ...security.publisher })).toBe('refused 4');
  });

  it('is not reached without trusting its certificate, nor over plain MQTT', async () => {
    expect(await attempt(broker.url, { ...security.edge })).toMatch(/self.signed|certificate/i);
    expect(await attempt(broker.url.replace('mqtts:', 'mqtt:'), { ...security.edge })).not.toBe(
      'connected',
    );
  });
});
