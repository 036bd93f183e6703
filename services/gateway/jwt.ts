// JWT verification with node:crypto only: JWS compact serialization (RFC 7515 section 7.1),
// HS256 and RS256 (RFC 7518 section 3), claims exp / nbf / iss / aud (RFC 7519 section 4.1).
// An algorithm is accepted only when its key is configured, so an RS256 public key can never
// be used as an HS256 secret; `none` is never accepted. Must not log tokens.
import { createHmac, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { MillwrightError } from '../../contracts/index.ts';
import type { Secret } from '../platform/secret.ts';
import { highestRole, Role } from './roles.ts';

export interface JwtVerifierOptions {
  readonly hs256Secret?: Secret | undefined;
  readonly rs256PublicKey?: KeyObject | undefined;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  readonly clockSkewSeconds: number;
  /** Seconds since the epoch; injected by tests. */
  readonly now?: () => number;
}

export interface VerifiedToken {
  readonly subject: string;
  readonly role: Role;
  readonly expiresAt: number;
}

function refuse(reason: string): MillwrightError {
  return new MillwrightError('MW_GATEWAY_UNAUTHENTICATED', `invalid token: ${reason}`, { reason });
}

function decodeJson(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw refuse('malformed');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw refuse('malformed');
  return value as Record<string, unknown>;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class JwtVerifier {
  readonly #options: JwtVerifierOptions;

  constructor(options: JwtVerifierOptions) {
    this.#options = options;
  }

  /** Verifies signature and claims; throws MW_GATEWAY_UNAUTHENTICATED with data.reason. */
  verify(token: string): VerifiedToken {
    const parts = token.split('.');
    const [head, body, signature] = parts;
    if (parts.length !== 3 || head === undefined || body === undefined || signature === undefined)
      throw refuse('malformed');
    if (!parts.every((part) => BASE64URL.test(part))) throw refuse('malformed');
    const header = decodeJson(head);
    // RFC 7515 section 4.1.11: a `crit` header we do not understand makes the token invalid.
    if (header['crit'] !== undefined) throw refuse('unsupported critical header');
    this.#verifySignature(header['alg'], `${head}.${body}`, Buffer.from(signature, 'base64url'));
    return this.#checkClaims(decodeJson(body));
  }

  #verifySignature(alg: unknown, signingInput: string, signature: Buffer): void {
    const { hs256Secret, rs256PublicKey } = this.#options;
    if (alg === 'HS256' && hs256Secret !== undefined) {
      const expected = createHmac('sha256', hs256Secret.reveal()).update(signingInput).digest();
      if (expected.length !== signature.length || !timingSafeEqual(expected, signature))
        throw refuse('bad signature');
      return;
    }
    if (alg === 'RS256' && rs256PublicKey !== undefined) {
      if (!verify('RSA-SHA256', Buffer.from(signingInput), rs256PublicKey, signature))
        throw refuse('bad signature');
      return;
    }
    throw refuse('algorithm not accepted');
  }

  #checkClaims(claims: Record<string, unknown>): VerifiedToken {
    const now = this.#options.now?.() ?? Math.floor(Date.now() / 1000);
    const skew = this.#options.clockSkewSeconds;
    const { exp, nbf, iss, aud, sub } = claims;
    if (typeof exp !== 'number') throw refuse('no exp claim');
    if (now > exp + skew) throw refuse('expired');
    if (nbf !== undefined && (typeof nbf !== 'number' || now + skew < nbf))
      throw refuse('not yet valid');
    const { issuer, audience } = this.#options;
    if (issuer !== undefined && iss !== issuer) throw refuse('wrong issuer');
    if (audience !== undefined) {
      const audiences: unknown[] = Array.isArray(aud) ? aud : [aud];
      if (!audiences.includes(audience)) throw refuse('wrong audience');
    }
    if (typeof sub !== 'string' || sub.length === 0) throw refuse('no sub claim');
    const role = highestRole(rolesOf(claims));
    if (role === undefined) throw refuse('no millwright role');
    return { subject: sub, role, expiresAt: exp };
  }
}

/** `role: "operator"` or `roles: ["viewer", "operator"]`; unknown role names are ignored. */
function rolesOf(claims: Record<string, unknown>): Role[] {
  const listed: unknown = claims['roles'];
  const raw: unknown[] = [claims['role'], ...(Array.isArray(listed) ? (listed as unknown[]) : [])];
  return raw.flatMap((value) => {
    const parsed = Role.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}
