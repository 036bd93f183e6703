// The one configuration module: a zod schema over environment variables (and CLI overrides),
// parsed once at start-up, frozen and injected. Nothing else reads process.env. A bad value
// fails at start with MW_CONFIG_INVALID naming the option and what it accepts.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { MillwrightError } from '../../contracts/index.ts';
import {
  buildGatewayConfig,
  checkGatewayOptions,
  gatewayOptions,
  type GatewayConfig,
} from './gateway-config.ts';
import type { LinkSecurity } from './tls-options.ts';
import {
  buildMqttSecurity,
  buildNatsSecurity,
  checkTransportOptions,
  transportOptions,
  type NatsSecurity,
} from './transport-config.ts';
import { checkErpConfig, erpConfigOf, erpConfigSchema, type ErpConfig } from './erp-config.ts';
import { edgeConfigOf, edgeConfigSchema, type EdgeConfig } from './edge-config.ts';
import { Secret } from './secret.ts';
import {
  analyticsConfigOf,
  qmsConfigOf,
  qmsConfigSchema,
  type AnalyticsConfig,
  type QmsConfig,
} from './qms-config.ts';

const transporterUrl = z
  .string()
  .trim()
  .refine(
    (value) =>
      value.split(',').every((url) => /^(nats|tls):\/\/[^\s/]+(:\d{1,5})?\/?$/.test(url.trim())),
    'must be nats://host:port (or tls://host:port), several separated by commas',
  );

/** The environment variables Millwright reads, with their defaults. Documented in docs/configuration.md. */
export const ConfigSchema = z
  .strictObject({
    TRANSPORTER: transporterUrl.optional(),
    MILLWRIGHT_NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "-" and "_", at most 64')
      .optional(),
    MILLWRIGHT_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/, 'lower-case letters, digits and "-", at most 32')
      .default('millwright'),
    MILLWRIGHT_PLANT: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a plant code: letters, digits, "-" and "_"')
      .default('P100'),
    MILLWRIGHT_DATA_DIR: z.string().min(1).default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    MILLWRIGHT_METRICS_PORT: z.coerce
      .number()
      .int('a whole number')
      .min(0, '0 (off) to 65535')
      .max(65_535, '0 (off) to 65535')
      .default(3030),
    /**
     * Liveness / readiness HTTP probes of a node (decision 0605); 0 turns them off. Off for
     * embedding code; `millwright start` and `millwright node` fall back to 3031.
     */
    MILLWRIGHT_PROBE_PORT: z.coerce
      .number()
      .int('a whole number')
      .min(0, '0 (off) to 65535')
      .max(65_535, '0 (off) to 65535')
      .default(0),
    MILLWRIGHT_PROBE_HOST: z.string().trim().min(1).default('127.0.0.1'),
    MILLWRIGHT_TRACING: z.enum(['off', 'console', 'event']).default('off'),
    MILLWRIGHT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** 1: `millwright start` runs the plant demo (embedded with the ERP simulator only); 0: not. */
    MILLWRIGHT_DEMO: z.enum(['0', '1'], '0 (off) or 1 (plant demo)').default('1'),
    /** 1: use the C++ aggregation kernel when `npm ci` built it; 0: the TypeScript reference. */
    MILLWRIGHT_NATIVE: z
      .enum(['0', '1'], '0 (TypeScript reference) or 1 (native kernel)')
      .default('1'),
    MILLWRIGHT_TELEMETRY_THREADS: z.coerce
      .number()
      .int('a whole number')
      .min(1, '1 to 64')
      .max(64, '1 to 64')
      .default(1),
    MILLWRIGHT_TELEMETRY_QUEUE: z.coerce
      .number()
      .int('a whole number')
      .min(0, '0 to 100000')
      .max(100_000, '0 to 100000')
      .default(64),
    ...gatewayOptions,
    ...transportOptions,
    ...erpConfigSchema,
    ...qmsConfigSchema,
    ...edgeConfigSchema,
  })
  .superRefine((options, ctx) => {
    const issue = (option: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [option], message });
    };
    checkGatewayOptions(options, issue);
    checkTransportOptions(options, issue);
    const erpIssue = checkErpConfig(options);
    if (erpIssue !== undefined) ctx.addIssue({ code: 'custom', ...erpIssue });
  });

export interface MillwrightConfig {
  /** NATS URL(s); undefined means embedded: one process, no transporter. */
  readonly transporter: string | undefined;
  readonly nodeId: string;
  readonly namespace: string;
  readonly plant: string;
  readonly dataDir: string;
  readonly logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** 0 turns the Prometheus endpoint off. */
  readonly metricsPort: number;
  /** /health and /ready of this node for supervisors; port 0 turns them off. */
  readonly probes: { readonly host: string; readonly port: number };
  readonly tracing: z.infer<typeof ConfigSchema>['MILLWRIGHT_TRACING'];
  readonly requestTimeoutMs: number;
  /** Use the native aggregation kernel if built (MILLWRIGHT_NATIVE=1, the default). */
  readonly nativeKernel: boolean;
  /** `millwright start` runs the plant demo when embedded with the ERP simulator. */
  readonly demo: boolean;
  /** Worker threads of the telemetry aggregation pool, and frames that may queue beyond them. */
  readonly telemetryThreads: number;
  readonly telemetryQueue: number;
  readonly gateway: GatewayConfig;
  /** Security of the link to the NATS cluster (TLS, username and password or NKey). */
  readonly nats: NatsSecurity;
  /** Default security of links to MQTT brokers (see services/platform/tls-options.ts). */
  readonly mqtt: LinkSecurity;
  readonly erp: ErpConfig;
  readonly qms: QmsConfig;
  readonly analytics: AnalyticsConfig;
  /** The plant template of the `edge` group, buffer bound and drain rate. */
  readonly edge: EdgeConfig;
}

type Source = Readonly<Record<string, string | undefined>>;

/** Reads only the variables the schema names; empty strings count as unset. */
function pick(source: Source): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  return picked;
}

/**
 * Parses the configuration from the environment, with `overrides` (CLI flags, tests) winning
 * and `fallbacks` (a command's own defaults) used where neither sets a value.
 * Call once at start-up; pass the frozen result down.
 */
export function loadConfig(
  env: Source = process.env,
  overrides: Partial<Record<keyof typeof ConfigSchema.shape, string>> = {},
  fallbacks: Partial<Record<keyof typeof ConfigSchema.shape, string>> = {},
): MillwrightConfig {
  const parsed = ConfigSchema.safeParse({ ...pick(fallbacks), ...pick(env), ...pick(overrides) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const option = issue.path.join('.');
      return `${option}: ${issue.message}`;
    });
    throw new MillwrightError('MW_CONFIG_INVALID', `invalid configuration: ${lines.join('; ')}`, {
      issues: parsed.error.issues,
    });
  }
  const c = parsed.data;
  const dataDir = resolve(c.MILLWRIGHT_DATA_DIR);
  return Object.freeze({
    transporter: c.TRANSPORTER,
    nodeId: c.MILLWRIGHT_NODE_ID ?? `${hostname()}-${process.pid}`,
    namespace: c.MILLWRIGHT_NAMESPACE,
    plant: c.MILLWRIGHT_PLANT,
    dataDir,
    logLevel: c.LOG_LEVEL,
    metricsPort: c.MILLWRIGHT_METRICS_PORT,
    probes: Object.freeze({ host: c.MILLWRIGHT_PROBE_HOST, port: c.MILLWRIGHT_PROBE_PORT }),
    tracing: c.MILLWRIGHT_TRACING,
    requestTimeoutMs: c.MILLWRIGHT_REQUEST_TIMEOUT_MS,
    nativeKernel: c.MILLWRIGHT_NATIVE === '1',
    demo: c.MILLWRIGHT_DEMO === '1',
    telemetryThreads: c.MILLWRIGHT_TELEMETRY_THREADS,
    telemetryQueue: c.MILLWRIGHT_TELEMETRY_QUEUE,
    gateway: Object.freeze(buildGatewayConfig(c)),
    nats: buildNatsSecurity(c, c.TRANSPORTER),
    mqtt: buildMqttSecurity(c),
    erp: erpConfigOf(c),
    qms: qmsConfigOf(c),
    analytics: analyticsConfigOf(c),
    edge: edgeConfigOf(c, dataDir),
  });
}

/**
 * A secret a plant template names by environment variable (`passwordEnv`), read when the source
 * starts; `option` is the template path for the message, which never holds the value.
 */
export function secretFromEnvironment(
  option: string,
  variable: string,
  env: Source = process.env,
): Secret {
  const value = env[variable];
  if (value === undefined || value === '')
    throw new MillwrightError(
      'MW_CONFIG_INVALID',
      `invalid configuration: ${option}: environment variable ${variable} is not set`,
      { option, variable },
    );
  return new Secret(value);
}
