// REST gateway authentication and roles over real HTTP: every route refuses calls without
// credentials (401) and with a role below its own (403), both audited; API keys (header or
// Authorization) and HS256 / RS256 JWTs are accepted with a sufficient role.
import { ROUTES } from '../../../services/gateway/index.ts';
import { nowSeconds, signJwt } from '../../support/jwt.ts';
import { JWT_SECRET, KEYS, RANKS, RSA, urlOf, validBodyOf, useTestGateway } from './harness.ts';

const gateway = useTestGateway();

describe('REST gateway: authentication and roles', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses a call without credentials (401, audited)',
    async (_, route) => {
      const body = validBodyOf(route);
      const reply = await gateway.call(
        route.method,
        urlOf(route),
        body === undefined ? {} : { body },
      );
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({
        type: 'MW_GATEWAY_UNAUTHENTICATED',
        data: { reason: 'no credentials' },
      });
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(gateway.auditOf(reply.correlationId)).toMatchObject([
        {
          status: 401,
          outcome: 'MW_GATEWAY_UNAUTHENTICATED',
          principal: null,
          action: route.action,
        },
      ]);
    },
  );

  it.each(
    ROUTES.filter((r) => r.role !== 'viewer').map((r) => [`${r.method} ${r.path}`, r] as const),
  )('%s refuses a role below the one it needs (403, audited)', async (_, route) => {
    const below = RANKS[RANKS.indexOf(route.role) - 1]!;
    const reply = await gateway.call(route.method, urlOf(route), {
      key: KEYS[below],
      body: validBodyOf(route) ?? {},
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({
      type: 'MW_GATEWAY_FORBIDDEN',
      data: { required: route.role, held: below },
    });
    expect(gateway.auditOf(reply.correlationId)).toMatchObject([
      {
        status: 403,
        outcome: 'MW_GATEWAY_FORBIDDEN',
        principal: { kind: 'api-key', id: `${below}-key`, role: below },
      },
    ]);
  });

  it('refuses an unknown key, a bad token and an unknown scheme, each audited', async () => {
    const bad = [
      await gateway.call('GET', '/api/v1/nodes/self', { key: 'mwk_not-a-key' }),
      await gateway.call('GET', '/api/v1/nodes/self', {
        token: signJwt(
          { sub: 'x', role: 'admin', aud: 'millwright', exp: nowSeconds() - 120 },
          { alg: 'HS256', secret: JWT_SECRET },
        ),
      }),
    ];
    expect(bad.map((r) => [r.status, r.body.data?.['reason']])).toEqual([
      [401, 'unknown API key'],
      [401, 'expired'],
    ]);
    for (const reply of bad) expect(gateway.auditOf(reply.correlationId)).toHaveLength(1);
  });

  it('accepts the X-API-Key header, HS256 and RS256 tokens, and a higher role than needed', async () => {
    const viaHeader = await fetch(`${gateway.url}/api/v1/nodes/self`, {
      headers: { 'X-API-Key': KEYS.viewer },
    });
    expect(viaHeader.status).toBe(200);
    const claims = { sub: 'mes-1', role: 'viewer', aud: 'millwright', exp: nowSeconds() + 60 };
    for (const token of [
      signJwt(claims, { alg: 'HS256', secret: JWT_SECRET }),
      signJwt(claims, { alg: 'RS256', privateKey: RSA.privateKey }),
    ]) {
      const reply = await gateway.call('GET', '/api/v1/nodes/self', { token });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        nodeId: gateway.broker.nodeID,
        services: expect.arrayContaining(['gateway', 'orders']) as unknown,
      });
    }
    expect((await gateway.call('GET', '/api/v1/nodes/self', { key: KEYS.admin })).status).toBe(200);
  });
});
