// The gateway's configuration options (port, authentication sources, limits, audit file) as a
// zod shape that config.ts merges into the one schema, and the typed view built from it.
// Reads nothing: config.ts reads the environment, the gateway reads the files it names.
import { resolve } from 'node:path';
import { z } from 'zod';
import { Secret } from './secret.ts';

const port = z.coerce
  .number()
  .int('a whole number')
  .min(0, '0 (any free port) to 65535')
  .max(65_535, '0 (any free port) to 65535');
const file = z.string().trim().min(1, 'a file path');
const bounded = (min: number, max: number) =>
  z.coerce.number().int('a whole number').min(min, `${min} to ${max}`).max(max, `${min} to ${max}`);
const API_KEY_ENTRY = /^[A-Za-z0-9_.-]{1,64}:[a-z]+:[0-9a-f]{64}$/;

export const gatewayOptions = {
  MILLWRIGHT_GATEWAY_PORT: port.default(3000),
  MILLWRIGHT_GATEWAY_HOST: z.string().trim().min(1).default('127.0.0.1'),
  MILLWRIGHT_GATEWAY_TLS_CERT_FILE: file.optional(),
  MILLWRIGHT_GATEWAY_TLS_KEY_FILE: file.optional(),
  MILLWRIGHT_GATEWAY_API_KEYS_FILE: file.optional(),
  MILLWRIGHT_GATEWAY_API_KEYS: z
    .string()
    .refine(
      (value) => value.split(',').every((entry) => API_KEY_ENTRY.test(entry.trim())),
      'entries id:role:sha256hex separated by commas',
    )
    .optional(),
  MILLWRIGHT_GATEWAY_JWT_SECRET: z
    .string()
    .min(32, 'at least 32 characters (RFC 7518 section 3.2)')
    .optional(),
  MILLWRIGHT_GATEWAY_JWT_SECRET_FILE: file.optional(),
  MILLWRIGHT_GATEWAY_JWT_PUBLIC_KEY_FILE: file.optional(),
  MILLWRIGHT_GATEWAY_JWT_ISSUER: z.string().min(1).optional(),
  MILLWRIGHT_GATEWAY_JWT_AUDIENCE: z.string().min(1).optional(),
  MILLWRIGHT_GATEWAY_JWT_CLOCK_SKEW_SECONDS: bounded(0, 300).default(30),
  MILLWRIGHT_GATEWAY_BODY_LIMIT_BYTES: bounded(1024, 64 * 1024 * 1024).default(1024 * 1024),
  MILLWRIGHT_GATEWAY_RATE_LIMIT_PER_MINUTE: bounded(1, 1_000_000).default(600),
  MILLWRIGHT_GATEWAY_RATE_LIMIT_BURST: bounded(1, 100_000).default(60),
  MILLWRIGHT_GATEWAY_AUDIT_FILE: file.optional(),
  MILLWRIGHT_READY_SERVICES: z
    .string()
    .regex(/^[A-Za-z0-9_.$-]+(\s*,\s*[A-Za-z0-9_.$-]+)*$/, 'service names separated by commas')
    .optional(),
};

type GatewayOptions = z.infer<z.ZodObject<typeof gatewayOptions>>;

export interface GatewayConfig {
  /** 0 lets the operating system pick a free port (the gateway logs the one it got). */
  readonly port: number;
  readonly host: string;
  /** Both set: the gateway speaks HTTPS. */
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  readonly apiKeysFile: string | undefined;
  /** `id:role:sha256hex` entries, parsed by the gateway. */
  readonly apiKeys: string | undefined;
  readonly jwt: {
    readonly secret: Secret | undefined;
    readonly secretFile: string | undefined;
    readonly publicKeyFile: string | undefined;
    readonly issuer: string | undefined;
    readonly audience: string | undefined;
    readonly clockSkewSeconds: number;
  };
  readonly bodyLimitBytes: number;
  readonly rateLimit: { readonly perMinute: number; readonly burst: number };
  /** A JSON-lines copy of the gateway's audit records; the node's hash-chained log has them all. */
  readonly auditFile: string | undefined;
  /** Services /ready waits for, besides the broker and the transporter. */
  readonly readyServices: readonly string[];
}

/** Option pairs that must be set together or not at all, and options that exclude each other. */
export function checkGatewayOptions(
  o: GatewayOptions,
  issue: (option: string, message: string) => void,
): void {
  if (
    (o.MILLWRIGHT_GATEWAY_TLS_CERT_FILE === undefined) !==
    (o.MILLWRIGHT_GATEWAY_TLS_KEY_FILE === undefined)
  )
    issue('MILLWRIGHT_GATEWAY_TLS_CERT_FILE', 'set together with MILLWRIGHT_GATEWAY_TLS_KEY_FILE');
  if (
    o.MILLWRIGHT_GATEWAY_JWT_SECRET !== undefined &&
    o.MILLWRIGHT_GATEWAY_JWT_SECRET_FILE !== undefined
  )
    issue('MILLWRIGHT_GATEWAY_JWT_SECRET', 'set either it or MILLWRIGHT_GATEWAY_JWT_SECRET_FILE');
}

export function buildGatewayConfig(o: GatewayOptions): GatewayConfig {
  return {
    port: o.MILLWRIGHT_GATEWAY_PORT,
    host: o.MILLWRIGHT_GATEWAY_HOST,
    tlsCertFile: o.MILLWRIGHT_GATEWAY_TLS_CERT_FILE,
    tlsKeyFile: o.MILLWRIGHT_GATEWAY_TLS_KEY_FILE,
    apiKeysFile: o.MILLWRIGHT_GATEWAY_API_KEYS_FILE,
    apiKeys: o.MILLWRIGHT_GATEWAY_API_KEYS,
    jwt: Object.freeze({
      secret:
        o.MILLWRIGHT_GATEWAY_JWT_SECRET === undefined
          ? undefined
          : new Secret(o.MILLWRIGHT_GATEWAY_JWT_SECRET),
      secretFile: o.MILLWRIGHT_GATEWAY_JWT_SECRET_FILE,
      publicKeyFile: o.MILLWRIGHT_GATEWAY_JWT_PUBLIC_KEY_FILE,
      issuer: o.MILLWRIGHT_GATEWAY_JWT_ISSUER,
      audience: o.MILLWRIGHT_GATEWAY_JWT_AUDIENCE,
      clockSkewSeconds: o.MILLWRIGHT_GATEWAY_JWT_CLOCK_SKEW_SECONDS,
    }),
    bodyLimitBytes: o.MILLWRIGHT_GATEWAY_BODY_LIMIT_BYTES,
    rateLimit: Object.freeze({
      perMinute: o.MILLWRIGHT_GATEWAY_RATE_LIMIT_PER_MINUTE,
      burst: o.MILLWRIGHT_GATEWAY_RATE_LIMIT_BURST,
    }),
    auditFile:
      o.MILLWRIGHT_GATEWAY_AUDIT_FILE === undefined
        ? undefined
        : resolve(o.MILLWRIGHT_GATEWAY_AUDIT_FILE),
    readyServices: Object.freeze(
      (o.MILLWRIGHT_READY_SERVICES ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name.length > 0),
    ),
  };
}
