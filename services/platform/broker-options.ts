// Moleculer broker options from the validated configuration: embedded (no transporter) by
// default, NATS when TRANSPORTER is set; msgpackr serializer, Pino logger with secrets
// redacted, Prometheus metrics, optional tracing, Millwright errors regenerated remotely.
import type { BrokerOptions } from 'moleculer';
import { replCommands } from '../cli/repl/index.ts';
import type { MillwrightConfig } from './config.ts';
import { correlationMiddleware } from './correlation.middleware.ts';
import { MillwrightErrorRegenerator } from './error-regenerator.ts';
import { MsgpackrSerializer } from './msgpackr.serializer.ts';
import { natsTransporterOptions } from './nats-security.ts';

/** Fields that may hold secrets anywhere in a log line; pino replaces their values. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'pass',
  '*.pass',
  '*.*.pass',
  'seed',
  '*.seed',
  'passphrase',
  '*.passphrase',
  '*.tls.key',
  '*.*.tls.key',
  'jwt',
  '*.jwt',
  '*.headers["x-api-key"]',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'secret',
  '*.secret',
];

/**
 * The Moleculer namespace of one plant's cluster, `<MILLWRIGHT_NAMESPACE>-<plant>`: Moleculer
 * prefixes every NATS subject with it (`MOL-millwright-P100.REQB.workcenter.host.tell`), so nodes
 * of another plant on the same NATS never see this plant's nodes, calls or events (decision 0604).
 */
export function clusterNamespace(config: Pick<MillwrightConfig, 'namespace' | 'plant'>): string {
  return `${config.namespace}-${config.plant}`;
}

export function createBrokerOptions(config: MillwrightConfig): BrokerOptions {
  return {
    namespace: clusterNamespace(config),
    nodeID: config.nodeId,
    transporter:
      config.transporter === undefined
        ? null
        : { type: 'NATS', options: natsTransporterOptions(config.transporter, config.nats) },
    serializer: new MsgpackrSerializer(),
    errorRegenerator: new MillwrightErrorRegenerator(),
    requestTimeout: config.requestTimeoutMs,
    logger: {
      type: 'Pino',
      options: {
        level: config.logLevel,
        pino: { options: { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } } },
      },
    },
    metrics: {
      enabled: config.metricsPort > 0,
      reporter: [{ type: 'Prometheus', options: { port: config.metricsPort, path: '/metrics' } }],
    },
    tracing:
      config.tracing === 'off'
        ? { enabled: false }
        : { enabled: true, exporter: [config.tracing === 'console' ? 'Console' : 'Event'] },
    middlewares: [correlationMiddleware],
    // Custom moleculer-repl commands (`actors`, `actor ...`) for `broker.repl()`.
    replCommands: [...replCommands],
    // Stop gracefully on SIGINT/SIGTERM is handled by the CLI, which knows what to drain.
    skipProcessEventRegistration: true,
  };
}
