// The MQTT transport shared by the JSON (UNS) and Sparkplug B adapters: client options from a
// template source (MQTT 5, TLS with the broker verified, username and the password resolved at
// start, persistent session), connection state and reconnect counting. It knows nothing of
// topics or payloads, and never logs the options it builds (they hold the password).
import { readFileSync } from 'node:fs';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { EdgeLogger, EdgeMetrics, RevealableSecret } from '../common/index.ts';

export interface MqttConnectionSettings {
  readonly url: string;
  readonly mqttVersion?: 4 | 5;
  readonly clientId?: string | undefined;
  readonly username?: string | undefined;
  /** Resolved from the template's passwordFile / passwordEnv by the adapter at start. */
  readonly password?: RevealableSecret | undefined;
  readonly tls?:
    | {
        readonly caFile?: string | undefined;
        readonly certFile?: string | undefined;
        readonly keyFile?: string | undefined;
        readonly serverName?: string | undefined;
        /** The template's explicit opt-out of verifying the broker's certificate. */
        readonly insecureSkipVerify: boolean;
      }
    | undefined;
}

export interface MqttConnectOptions {
  /** false: a persistent session (MQTT 5 §3.1.2.4 Clean Start = 0, with a session expiry). */
  readonly clean: boolean;
  readonly reconnectPeriodMs?: number;
  readonly will?: IClientOptions['will'];
  readonly logger: EdgeLogger;
  readonly metrics: EdgeMetrics;
  /**
   * Attached before CONNECT is sent: messages queued in a persistent session can arrive in the
   * same read as the CONNACK, and mqtt.js acknowledges a message with no listener as handled.
   */
  readonly onMessage: (topic: string, payload: Buffer) => void;
}

/** One day: the broker keeps the session (and queued QoS 1 messages) across an edge restart. */
const SESSION_EXPIRY_S = 86_400;

export function clientOptions(
  settings: MqttConnectionSettings,
  options: Omit<MqttConnectOptions, 'logger' | 'metrics' | 'onMessage'>,
): IClientOptions {
  const result: IClientOptions = {
    protocolVersion: settings.mqttVersion ?? 5,
    clean: options.clean,
    reconnectPeriod: options.reconnectPeriodMs ?? 1_000,
    connectTimeout: 10_000,
    resubscribe: true,
  };
  // MQTT 3.1.1 keeps a clean-session=0 session until it is cleaned; MQTT 5 needs an expiry.
  if (!options.clean && result.protocolVersion === 5) {
    result.properties = { sessionExpiryInterval: SESSION_EXPIRY_S };
  }
  if (settings.clientId !== undefined) result.clientId = settings.clientId;
  if (settings.username !== undefined) result.username = settings.username;
  if (settings.password !== undefined) result.password = settings.password.reveal();
  if (options.will !== undefined) result.will = options.will;
  const tls = settings.tls;
  if (tls !== undefined) {
    result.rejectUnauthorized = !tls.insecureSkipVerify;
    if (tls.serverName !== undefined) result.servername = tls.serverName;
    if (tls.caFile !== undefined) result.ca = readFileSync(tls.caFile);
    if (tls.certFile !== undefined) result.cert = readFileSync(tls.certFile);
    if (tls.keyFile !== undefined) result.key = readFileSync(tls.keyFile);
  }
  return result;
}

/** Connects and keeps metrics of the connection; resolves on the first CONNACK. */
export function openConnection(
  settings: MqttConnectionSettings,
  options: MqttConnectOptions,
): Promise<MqttClient> {
  const { logger, metrics } = options;
  const client = connect(settings.url, {
    ...clientOptions(settings, options),
    manualConnect: true,
  });
  client.on('message', options.onMessage);
  let lostAt: number | undefined;
  metrics.set('connection', 'connecting');
  client.on('connect', (connack) => {
    metrics.set('connection', 'connected');
    const gapMs = lostAt === undefined ? 0 : Date.now() - lostAt;
    lostAt = undefined;
    logger.info(
      { url: settings.url, sessionPresent: connack.sessionPresent, gapMs },
      'mqtt connected',
    );
  });
  client.on('close', () => {
    if (lostAt === undefined && metrics.gauge('connection') === 'connected') {
      lostAt = Date.now();
      logger.warn({ code: 'MW_EDGE_CONNECTION_LOST', url: settings.url }, 'mqtt connection lost');
    }
    metrics.set('connection', 'offline');
  });
  client.on('reconnect', () => {
    metrics.increment('reconnects');
    metrics.set('connection', 'reconnecting');
  });
  client.on('error', (error) => {
    logger.warn({ url: settings.url, err: error.message }, 'mqtt error');
  });
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      if (!client.connected) {
        client.end(true);
        reject(error);
      }
    };
    client.once('connect', () => {
      client.off('error', onError);
      resolve(client);
    });
    client.once('error', onError);
    client.connect();
  });
}
