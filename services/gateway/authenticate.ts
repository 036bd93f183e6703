// Who is calling: the credentials of a request (API key or JWT) turned into a principal with a
// role, or MW_GATEWAY_UNAUTHENTICATED with the reason. A principal carries no secret, so it may
// travel in ctx.meta. Built once from the configuration, which names the key files, plus the
// loopback-only keys a command adds (the demo's printed key, decision 0606).
import { createPublicKey } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { MillwrightError } from '../../contracts/index.ts';
import type { GatewayConfig } from '../platform/gateway-config.ts';
import { readOptionFile, readSecretFile } from '../platform/secret.ts';
import { ApiKeyStore, loadApiKeys, type ApiKeyEntry } from './api-keys.ts';
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

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how Node reports IPv4 on a dual-stack socket). */
export function isLoopback(ip: string | null): boolean {
  if (ip === null) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** A proxy on this host would make every caller look local: such requests are not loopback. */
function forwarded(headers: IncomingHttpHeaders): boolean {
  return headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined;
}

export class Authenticator {
  readonly #keys: ApiKeyStore;
  readonly #loopbackKeys: ApiKeyStore;
  readonly #jwt: JwtVerifier | undefined;

  constructor(keys: ApiKeyStore, jwt: JwtVerifier | undefined, loopbackKeys = new ApiKeyStore([])) {
    this.#keys = keys;
    this.#jwt = jwt;
    this.#loopbackKeys = loopbackKeys;
  }

  /** How many ways in there are; zero means every /api call is refused. */
  get configured(): { apiKeys: number; loopbackKeys: number; jwt: boolean } {
    return {
      apiKeys: this.#keys.size,
      loopbackKeys: this.#loopbackKeys.size,
      jwt: this.#jwt !== undefined,
    };
  }

  /** `ip`: the peer address of the connection (never a header), for loopback-only keys. */
  authenticate(headers: IncomingHttpHeaders, ip: string | null = null): Principal {
    const local = isLoopback(ip) && !forwarded(headers);
    const authorization = headers.authorization;
    if (authorization !== undefined) {
      const [scheme = '', credential = ''] = authorization.trim().split(/\s+/, 2);
      if (/^bearer$/i.test(scheme) && JWT_SHAPE.test(credential)) return this.#token(credential);
      if (/^(bearer|apikey)$/i.test(scheme) && credential !== '')
        return this.#key(credential, local);
      throw refuse('unsupported Authorization scheme');
    }
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.#key(apiKey, local);
    throw refuse('no credentials');
  }

  #key(key: string, local: boolean): Principal {
    const entry = this.#keys.find(key);
    if (entry !== undefined) return { kind: 'api-key', id: entry.id, role: entry.role };
    const loopbackOnly = this.#loopbackKeys.find(key);
    if (loopbackOnly === undefined) throw refuse('unknown API key');
    if (!local) throw refuse('this key is accepted from this host (loopback) only');
    return { kind: 'api-key', id: loopbackOnly.id, role: loopbackOnly.role };
  }

  #token(token: string): Principal {
    if (this.#jwt === undefined) throw refuse('JWT authentication is not configured');
    const verified = this.#jwt.verify(token);
    return { kind: 'jwt', id: verified.subject, role: verified.role };
  }
}

/**
 * Reads the key file, the HS256 secret and the RS256 public key the configuration names;
 * `loopbackKeys` are accepted only from this host (the demo's key).
 */
export function createAuthenticator(
  config: GatewayConfig,
  loopbackKeys: readonly ApiKeyEntry[] = [],
): Authenticator {
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
  return new Authenticator(loadApiKeys(config), verifier, new ApiKeyStore(loopbackKeys));
}
