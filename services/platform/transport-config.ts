// Security options of the links to the NATS cluster and to MQTT brokers: TLS files, username
// and password (inline or from a file), NKey seed file. A zod shape merged by config.ts and the
// typed view built from it; files are read when the link is opened, not here.
import { z } from 'zod';
import { Secret } from './secret.ts';
import type { LinkSecurity } from './tls-options.ts';

const file = z.string().trim().min(1, 'a file path');
const username = z.string().min(1).max(256);

export const transportOptions = {
  MILLWRIGHT_NATS_TLS_CA_FILE: file.optional(),
  MILLWRIGHT_NATS_TLS_CERT_FILE: file.optional(),
  MILLWRIGHT_NATS_TLS_KEY_FILE: file.optional(),
  MILLWRIGHT_NATS_USERNAME: username.optional(),
  MILLWRIGHT_NATS_PASSWORD: z.string().min(1).optional(),
  MILLWRIGHT_NATS_PASSWORD_FILE: file.optional(),
  MILLWRIGHT_NATS_NKEY_SEED_FILE: file.optional(),
  MILLWRIGHT_MQTT_TLS_CA_FILE: file.optional(),
  MILLWRIGHT_MQTT_TLS_CERT_FILE: file.optional(),
  MILLWRIGHT_MQTT_TLS_KEY_FILE: file.optional(),
  MILLWRIGHT_MQTT_USERNAME: username.optional(),
  MILLWRIGHT_MQTT_PASSWORD: z.string().min(1).optional(),
  MILLWRIGHT_MQTT_PASSWORD_FILE: file.optional(),
};

type TransportOptions = z.infer<z.ZodObject<typeof transportOptions>>;

export interface NatsSecurity extends LinkSecurity {
  /** NKey seed file (`SU...`): the client signs the server's nonce; exclusive with a username. */
  readonly nkeySeedFile?: string | undefined;
}

type Issue = (option: string, message: string) => void;

function checkLink(
  o: TransportOptions,
  prefix: 'MILLWRIGHT_NATS' | 'MILLWRIGHT_MQTT',
  issue: Issue,
) {
  const get = (suffix: string) => o[`${prefix}_${suffix}` as keyof TransportOptions];
  if ((get('TLS_CERT_FILE') === undefined) !== (get('TLS_KEY_FILE') === undefined))
    issue(`${prefix}_TLS_CERT_FILE`, `set together with ${prefix}_TLS_KEY_FILE`);
  if (get('PASSWORD') !== undefined && get('PASSWORD_FILE') !== undefined)
    issue(`${prefix}_PASSWORD`, `set either it or ${prefix}_PASSWORD_FILE`);
  if (
    (get('PASSWORD') !== undefined || get('PASSWORD_FILE') !== undefined) &&
    get('USERNAME') === undefined
  )
    issue(`${prefix}_USERNAME`, 'a password needs a username');
}

export function checkTransportOptions(o: TransportOptions, issue: Issue): void {
  checkLink(o, 'MILLWRIGHT_NATS', issue);
  checkLink(o, 'MILLWRIGHT_MQTT', issue);
  if (o.MILLWRIGHT_NATS_NKEY_SEED_FILE !== undefined && o.MILLWRIGHT_NATS_USERNAME !== undefined)
    issue('MILLWRIGHT_NATS_NKEY_SEED_FILE', 'set either it or MILLWRIGHT_NATS_USERNAME');
}

function tlsOf(ca: string | undefined, cert: string | undefined, key: string | undefined) {
  if (ca === undefined && cert === undefined && key === undefined) return undefined;
  return Object.freeze({ caFile: ca, certFile: cert, keyFile: key });
}

const secret = (value: string | undefined) => (value === undefined ? undefined : new Secret(value));

/** NATS link security; `tls://` in TRANSPORTER turns TLS on even without files. */
export function buildNatsSecurity(
  o: TransportOptions,
  transporter: string | undefined,
): NatsSecurity {
  const files = tlsOf(
    o.MILLWRIGHT_NATS_TLS_CA_FILE,
    o.MILLWRIGHT_NATS_TLS_CERT_FILE,
    o.MILLWRIGHT_NATS_TLS_KEY_FILE,
  );
  const tlsScheme = transporter?.split(',').some((url) => url.trim().startsWith('tls://')) ?? false;
  return Object.freeze({
    tls: files ?? (tlsScheme ? Object.freeze({}) : undefined),
    username: o.MILLWRIGHT_NATS_USERNAME,
    password: secret(o.MILLWRIGHT_NATS_PASSWORD),
    passwordFile: o.MILLWRIGHT_NATS_PASSWORD_FILE,
    nkeySeedFile: o.MILLWRIGHT_NATS_NKEY_SEED_FILE,
  });
}

/** Default security of MQTT links (a plant template may give each broker its own). */
export function buildMqttSecurity(o: TransportOptions): LinkSecurity {
  return Object.freeze({
    tls: tlsOf(
      o.MILLWRIGHT_MQTT_TLS_CA_FILE,
      o.MILLWRIGHT_MQTT_TLS_CERT_FILE,
      o.MILLWRIGHT_MQTT_TLS_KEY_FILE,
    ),
    username: o.MILLWRIGHT_MQTT_USERNAME,
    password: secret(o.MILLWRIGHT_MQTT_PASSWORD),
    passwordFile: o.MILLWRIGHT_MQTT_PASSWORD_FILE,
  });
}
