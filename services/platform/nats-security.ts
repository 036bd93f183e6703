// Options of the Moleculer NATS transporter for a secured cluster link: TLS (CA, client
// certificate) and either username + password or an NKey seed. Credentials are handed to
// nats.js as authenticator functions, so no password or seed sits in a logged options object.
import { nkeyAuthenticator, usernamePasswordAuthenticator, type Authenticator } from 'nats';
import { readSecretFile } from './secret.ts';
import { envOptionNames, resolvePassword, resolveTls } from './tls-options.ts';
import type { NatsSecurity } from './transport-config.ts';

const NAMES = envOptionNames('MILLWRIGHT_NATS');

export interface NatsTransporterOptions {
  readonly url: string;
  readonly tls?: ReturnType<typeof resolveTls>;
  readonly authenticator?: Authenticator;
}

function authenticatorFor(security: NatsSecurity): Authenticator | undefined {
  if (security.nkeySeedFile !== undefined) {
    const seed = readSecretFile('MILLWRIGHT_NATS_NKEY_SEED_FILE', security.nkeySeedFile);
    return nkeyAuthenticator(() => new TextEncoder().encode(seed.reveal()));
  }
  if (security.username === undefined) return undefined;
  const password = resolvePassword(security, NAMES);
  return usernamePasswordAuthenticator(
    security.username,
    password === undefined ? undefined : () => password.reveal(),
  );
}

/** Reads the TLS and secret files now, so a bad path stops the start naming its option. */
export function natsTransporterOptions(
  url: string,
  security: NatsSecurity,
): NatsTransporterOptions {
  const authenticator = authenticatorFor(security);
  return {
    url,
    ...(security.tls === undefined ? {} : { tls: resolveTls(security.tls, NAMES) }),
    ...(authenticator === undefined ? {} : { authenticator }),
  };
}
