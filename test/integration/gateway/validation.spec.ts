// REST gateway validation over real HTTP: every route with an input checks it against its
// contract (422 MW_CONTRACT_INVALID with zod's issues, the action never called); valid input
// reaches the action with defaults, the caller and the correlation id; malformed bodies,
// unknown routes, wrong methods and absent services get their MW_* codes.
import { validOrder } from './fixtures.ts';
import { ALL_ROUTES, KEYS, urlOf, useTestGateway } from './harness.ts';

const gateway = useTestGateway();

describe('REST gateway: validation', () => {
  it.each(
    ALL_ROUTES.filter((r) => r.body !== undefined).map(
      (r) => [`${r.method} ${r.path}`, r] as const,
    ),
  )(
    '%s answers a body that breaks its contract with MW_CONTRACT_INVALID and the zod issues',
    async (_, route) => {
      const before = gateway.released.length;
      const reply = await gateway.call(route.method, urlOf(route), {
        key: KEYS.admin,
        body: { unexpected: true },
      });
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({
        type: 'MW_CONTRACT_INVALID',
        data: { name: route.body?.name },
      });
      const issues = reply.body.data?.['issues'] as { path: unknown[]; message: string }[];
      expect(issues.length).toBeGreaterThan(0);
      expect(
        issues.every((issue) => Array.isArray(issue.path) && typeof issue.message === 'string'),
      ).toBe(true);
      expect(gateway.released.length).toBe(before);
      expect(gateway.auditOf(reply.correlationId)).toMatchObject([
        { status: 422, outcome: 'MW_CONTRACT_INVALID' },
      ]);
    },
  );

  it('names the path of each bad field of an order', async () => {
    const order = validOrder();
    const reply = await gateway.call('POST', '/api/v1/orders', {
      key: KEYS.operator,
      body: { ...order, plant: 'bad plant', targetQuantity: { value: 'ten', unit: 'PCE' } },
    });
    const paths = (reply.body.data?.['issues'] as { path: unknown[] }[]).map((i) =>
      i.path.join('.'),
    );
    expect(paths.sort()).toEqual(['plant', 'targetQuantity.value']);
  });

  it('releases a valid order as the caller, with defaults applied and the correlation id carried', async () => {
    const reply = await gateway.call('POST', '/api/v1/orders', {
      key: KEYS.operator,
      body: validOrder(),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ order: '1000123', status: 'released' });
    expect(reply.headers.get('x-correlation-id')).toBe(reply.correlationId);
    const last = gateway.released.at(-1)!;
    expect(last.user).toEqual({ kind: 'api-key', id: 'operator-key', role: 'operator' });
    expect(last.correlationId).toBe(reply.correlationId);
    expect(last.params).toMatchObject({
      order: '1000123',
      components: [],
      qualityInstructions: [],
    });
    expect(gateway.auditOf(reply.correlationId)).toMatchObject([
      {
        status: 200,
        outcome: 'ok',
        method: 'POST',
        path: '/api/v1/orders',
        action: 'orders.release',
        principal: { id: 'operator-key' },
      },
    ]);
    expect(gateway.auditOf(reply.correlationId)[0]?.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('replaces a correlation id that is not a plain token of at most 128 characters', async () => {
    for (const id of ['x'.repeat(129), 'has spaces', 'line\u00e9']) {
      const response = await fetch(`${gateway.url}/api/v1/nodes/self`, {
        headers: { 'X-API-Key': KEYS.viewer, 'X-Correlation-ID': id },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('validates path parameters and query strings, applying query defaults', async () => {
    const key = KEYS.viewer;
    const ok = await gateway.call('GET', '/api/v1/test/items/42?limit=3', { key });
    expect(ok.body).toEqual({ params: { item: '42', limit: 3 } });
    expect((await gateway.call('GET', '/api/v1/test/items/42', { key })).body).toEqual({
      params: { item: '42', limit: 5 },
    });
    const badPath = await gateway.call('GET', '/api/v1/test/items/abc', { key });
    expect([badPath.status, badPath.body.type]).toEqual([422, 'MW_CONTRACT_INVALID']);
    const badQuery = await gateway.call('GET', '/api/v1/test/items/42?limit=99', { key });
    expect(badQuery.status).toBe(422);
    expect((badQuery.body.data?.['issues'] as { path: string[] }[])[0]?.path).toEqual(['limit']);
  });

  it('answers malformed JSON with 400 and a non-JSON body with 415', async () => {
    const key = KEYS.operator;
    const malformed = await gateway.call('POST', '/api/v1/orders', { key, body: '{"order": ' });
    expect([malformed.status, malformed.body.type]).toEqual([400, 'MW_GATEWAY_BODY_MALFORMED']);
    const text = await gateway.call('POST', '/api/v1/orders', {
      key,
      body: 'order=1',
      contentType: 'text/plain',
    });
    expect([text.status, text.body.type]).toEqual([415, 'MW_GATEWAY_MEDIA_TYPE_UNSUPPORTED']);
  });

  it('answers unknown routes 404 and known paths with another method 405, with MW codes', async () => {
    const key = KEYS.admin;
    const missing = await gateway.call('GET', '/api/v1/nothing-here', { key });
    expect([missing.status, missing.body.type]).toEqual([404, 'MW_GATEWAY_ROUTE_NOT_FOUND']);
    expect((await gateway.call('GET', '/elsewhere')).body.type).toBe('MW_GATEWAY_ROUTE_NOT_FOUND');
    const wrongMethod = await gateway.call('DELETE', '/api/v1/orders', { key });
    expect([wrongMethod.status, wrongMethod.body.type]).toEqual([
      405,
      'MW_GATEWAY_METHOD_NOT_ALLOWED',
    ]);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(gateway.auditOf(wrongMethod.correlationId)).toMatchObject([
      { status: 405, principal: null },
    ]);
  });

  it('answers 503 when no node runs the service behind a route', async () => {
    const reply = await gateway.call('POST', '/api/v1/test/absent', { key: KEYS.operator });
    expect([reply.status, reply.body.type, reply.body['retryable']]).toEqual([
      503,
      'MW_GATEWAY_SERVICE_UNAVAILABLE',
      true,
    ]);
  });
});
