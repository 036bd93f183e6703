// Signs JWTs for tests (HS256 with a secret, RS256 with a private key) with node:crypto, the
// way an identity provider would; `alg` and the header can be forced to build attacks.
import { createHmac, sign, type KeyObject } from 'node:crypto';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export type SigningKey =
  | { readonly alg: 'HS256'; readonly secret: string | Buffer }
  | { readonly alg: 'RS256'; readonly privateKey: KeyObject };

export function signJwt(
  claims: Record<string, unknown>,
  key: SigningKey,
  header: Record<string, unknown> = {},
): string {
  const input = `${b64({ alg: key.alg, typ: 'JWT', ...header })}.${b64(claims)}`;
  const signature =
    key.alg === 'HS256'
      ? createHmac('sha256', key.secret).update(input).digest()
      : sign('RSA-SHA256', Buffer.from(input), key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
