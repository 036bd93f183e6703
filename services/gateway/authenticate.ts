// Who is calling: the credentials of a request (API key or JWT) turned into a principal with a
// role, or MW_GATEWAY_UNAUTHENTICATED with the reason. A principal carries no secret, so it may
// travel in ctx.meta. Built once from the configuration, which names the key files.
import { createPublicKey } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { MillwrightError } from '../../contracts/index.ts';
import type { GatewayConfig } from '../platform/gateway-config.ts';
import { readOptionFile, readSecretFile } from '../platform/secret.ts';
import { loadApiKeys, type ApiKeyStore } from './api-keys.ts';
import { JwtVerifier } from './jwt.ts';
import type { Role } from './roles.ts';

export interface Principal {
  readonly kind: 'api-key' | 'jwt';
  /** Key id, or the token's `sub`. */
  readonly id: string;
  readonly role: Role;
}

function refuse(reason: string): MillwrightError {
  return new MillwrightError('MW_GATEWAY_UNAUTHENTICATED', `not authenticated: ${reason}`, {
    reason,
  });
}

const JWT_SHAPE = /^[^.]+\.[^.]+\.[^.]+$/;

export class Authenticator {
  readonly #keys: ApiKeyStore;
  readonly #jwt: JwtVerifier | undefined;

  constructor(keys: ApiKeyStore, jwt: JwtVerifier | undefined) {
    this.#keys = keys;
    this.#jwt = jwt;
  }

  /** How many ways in there are; zero means every /api call is refused. */
  get configured(): { apiKeys: number; jwt: boolean } {
    return { apiKeys: this.#keys.size, jwt: this.#jwt !== undefined };
  }

  authenticate(headers: IncomingHttpHeaders): Principal {
    const authorization = headers.authorization;
    if (authorization !== undefined) {
      const [scheme = '', credential = ''] = authorization.trim().split(/\s+/, 2);
      if (/^bearer$/i.test(scheme) && JWT_SHAPE.test(credential)) return this.#token(credential);
      if (/^(bearer|apikey)$/i.test(scheme) && credential !== '') return this.#key(credential);
      throw refuse('unsupported Authorization scheme');
    }
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.#key(apiKey);
    throw refuse('no credentials');
  }

  #key(key: string): Principal {
    const entry = this.#keys.find(key);
    if (entry === undefined) throw refuse('unknown API key');
    return { kind: 'api-key', id: entry.id, role: entry.role };
  }

  #token(token: string): Principal {
    if (this.#jwt === undefined) throw refuse('JWT authentication is not configured');
    const verified = this.#jwt.verify(token);
    return { kind: 'jwt', id: verified.subject, role: verified.role };
  }
}

/** Reads the key file, the HS256 secret and the RS256 public key the configuration names. */
export function createAuthenticator(config: GatewayConfig): Authenticator {
  const { jwt } = config;
  const hs256Secret =
    jwt.secretFile === undefined
      ? jwt.secret
      : readSecretFile('MILLWRIGHT_GATEWAY_JWT_SECRET_FILE', jwt.secretFile);
  const option = 'MILLWRIGHT_GATEWAY_JWT_PUBLIC_KEY_FILE';
  let rs256PublicKey;
  if (jwt.publicKeyFile !== undefined) {
    try {
      rs256PublicKey = createPublicKey(readOptionFile(option, jwt.publicKeyFile));
    } catch (error) {
      if (error instanceof MillwrightError) throw error;
      throw new MillwrightError(
        'MW_CONFIG_INVALID',
        `invalid configuration: ${option}: ${jwt.publicKeyFile} is not a PEM public key`,
        { option },
        { cause: error },
      );
    }
  }
  const verifier =
    hs256Secret === undefined && rs256PublicKey === undefined
      ? undefined
      : new JwtVerifier({
          hs256Secret,
          rs256PublicKey,
          issuer: jwt.issuer,
          audience: jwt.audience,
          clockSkewSeconds: jwt.clockSkewSeconds,
        });
  return new Authenticator(loadApiKeys(config), verifier);
}
