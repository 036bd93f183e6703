// JWT verification: HS256 and RS256 accepted only with their configured key; exp, nbf, iss and
// aud enforced with the clock skew; malformed tokens, `none`, algorithm confusion and tokens
// without a Millwright role refused with MW_GATEWAY_UNAUTHENTICATED and a reason.
import { generateKeyPairSync } from 'node:crypto';
import { isMillwrightError } from '../../../contracts/index.ts';
import { JwtVerifier, type JwtVerifierOptions } from '../../../services/gateway/index.ts';
import { Secret } from '../../../services/platform/secret.ts';
import { signJwt } from '../../support/jwt.ts';

const NOW = 1_800_000_000;
const SECRET = 'an-hs256-secret-of-at-least-32-characters!';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

const base: JwtVerifierOptions = {
  hs256Secret: new Secret(SECRET),
  rs256PublicKey: publicKey,
  issuer: 'https://idp.plant.test',
  audience: 'millwright',
  clockSkewSeconds: 30,
  now: () => NOW,
};
const claims = {
  sub: 'mes-line-1',
  role: 'operator',
  iss: 'https://idp.plant.test',
  aud: 'millwright',
  exp: NOW + 300,
};

function reason(verifier: JwtVerifier, token: string): string {
  try {
    verifier.verify(token);
  } catch (error) {
    if (isMillwrightError(error, 'MW_GATEWAY_UNAUTHENTICATED'))
      return (error.data as { reason: string }).reason;
    throw error;
  }
  return 'accepted';
}

describe('JWT verification', () => {
  const verifier = new JwtVerifier(base);

  it('accepts HS256 and RS256 tokens signed with the configured keys', () => {
    expect(verifier.verify(signJwt(claims, { alg: 'HS256', secret: SECRET }))).toEqual({
      subject: 'mes-line-1',
      role: 'operator',
      expiresAt: NOW + 300,
    });
    expect(verifier.verify(signJwt(claims, { alg: 'RS256', privateKey })).role).toBe('operator');
  });

  it('takes the highest known role of a roles list and ignores unknown names', () => {
    const token = signJwt(
      { ...claims, role: undefined, roles: ['viewer', 'superuser', 'integrator'] },
      { alg: 'HS256', secret: SECRET },
    );
    expect(verifier.verify(token).role).toBe('integrator');
  });

  it.each([
    ['expired', { exp: NOW - 31 }],
    ['not yet valid', { nbf: NOW + 31 }],
    ['wrong issuer', { iss: 'https://evil.test' }],
    ['wrong audience', { aud: ['erp', 'mes'] }],
    ['no exp claim', { exp: undefined }],
    ['no sub claim', { sub: '' }],
    ['no millwright role', { role: 'superuser' }],
  ])('refuses a token that is %s', (expected, change) => {
    expect(
      reason(verifier, signJwt({ ...claims, ...change }, { alg: 'HS256', secret: SECRET })),
    ).toBe(expected);
  });

  it('tolerates the configured clock skew on exp and nbf', () => {
    const token = signJwt(
      { ...claims, exp: NOW - 30, nbf: NOW + 30 },
      { alg: 'HS256', secret: SECRET },
    );
    expect(reason(verifier, token)).toBe('accepted');
  });

  it('accepts an audience list that contains the configured audience', () => {
    const token = signJwt({ ...claims, aud: ['erp', 'millwright'] }, { alg: 'RS256', privateKey });
    expect(reason(verifier, token)).toBe('accepted');
  });

  it('refuses signatures made with another key', () => {
    expect(reason(verifier, signJwt(claims, { alg: 'HS256', secret: `${SECRET}x` }))).toBe(
      'bad signature',
    );
    expect(reason(verifier, signJwt(claims, { alg: 'RS256', privateKey: other.privateKey }))).toBe(
      'bad signature',
    );
  });

  it('refuses alg none and algorithms without a configured key', () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect(reason(verifier, unsigned)).toBe('malformed');
    const none = signJwt(claims, { alg: 'HS256', secret: SECRET }, { alg: 'none' });
    expect(reason(verifier, none)).toBe('algorithm not accepted');
    const hsOnly = new JwtVerifier({ ...base, rs256PublicKey: undefined });
    expect(reason(hsOnly, signJwt(claims, { alg: 'RS256', privateKey }))).toBe(
      'algorithm not accepted',
    );
  });

  it('refuses an HS256 token keyed with the RS256 public key (algorithm confusion)', () => {
    const rsOnly = new JwtVerifier({ ...base, hs256Secret: undefined });
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    expect(reason(rsOnly, signJwt(claims, { alg: 'HS256', secret: pem }))).toBe(
      'algorithm not accepted',
    );
  });

  it('refuses malformed tokens and unknown critical headers', () => {
    for (const token of ['', 'a.b', 'a.b.c.d', '!!.e30.e30', 'e30.e30.e30'])
      expect(['malformed', 'algorithm not accepted']).toContain(reason(verifier, token));
    const crit = signJwt(claims, { alg: 'HS256', secret: SECRET }, { crit: ['exp'] });
    expect(reason(verifier, crit)).toBe('unsupported critical header');
  });
});
