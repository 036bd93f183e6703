// The REST gateway as an MES or ERP client meets it, over real HTTP on a free port: every route
// validates its input against its contract (MW_* + zod issues), unauthenticated and wrong-role
// calls are refused (401 / 403) and audited, rate and size limits answer 429 and 413, and the
// OpenAPI document validates against the OpenAPI 3.1 schema and lists every route.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker, type Context } from 'moleculer';
import { z } from 'zod';
import { gatewayAddress, gatewayService } from '../../../services/gateway.service.ts';
import { platformNodeService } from '../../../services/platform.node.service.ts';
import {
  createApiKey,
  defineRoutes,
  ROUTES,
  type AuditRecord,
  type GatewayRoute,
  type Role,
} from '../../../services/gateway/index.ts';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { nowSeconds, signJwt } from '../../support/jwt.ts';
import { validOrder } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'mw-gateway-'));
const auditFile = join(dir, 'audit.jsonl');
const JWT_SECRET = 'a-test-hs256-secret-that-is-long-enough';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys = Object.fromEntries(
  (['viewer', 'operator', 'integrator', 'admin', 'flood'] as const).map((name) => [
    name,
    createApiKey(),
  ]),
);
const roleOf = (name: string): Role => (name === 'flood' ? 'viewer' : (name as Role));

/** Two routes beyond the real table: path + query validation, and a service that runs nowhere. */
const TEST_ROUTES: readonly GatewayRoute[] = [
  {
    method: 'GET',
    path: '/test/items/:item',
    action: 'probe.item',
    role: 'viewer',
    tag: 'test',
    summary: 'Path and query validation.',
    pathParams: z.strictObject({ item: z.string().regex(/^\d+$/) }),
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(10).default(5) }),
  },
  {
    method: 'POST',
    path: '/test/absent',
    action: 'absent.act',
    role: 'operator',
    tag: 'test',
    summary: 'A route whose service runs on no node.',
  },
];
const ALL_ROUTES = defineRoutes([...ROUTES, ...TEST_ROUTES]);

let broker: ServiceBroker;
let base: string;
const released: { params: unknown; user: unknown; correlationId: unknown }[] = [];

beforeAll(async () => {
  const keyFile = join(dir, 'keys.yaml');
  writeFileSync(
    keyFile,
    `keys:\n${Object.entries(keys)
      .filter(([name]) => name !== 'viewer')
      .map(([name, k]) => `  - { id: ${name}-key, role: ${roleOf(name)}, sha256: ${k.sha256} }`)
      .join('\n')}\n`,
  );
  const publicKeyFile = join(dir, 'jwt.pub.pem');
  writeFileSync(publicKeyFile, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
  const config = loadConfig({
    MILLWRIGHT_DATA_DIR: dir,
    MILLWRIGHT_METRICS_PORT: '0',
    LOG_LEVEL: 'error',
    MILLWRIGHT_GATEWAY_PORT: '0',
    MILLWRIGHT_GATEWAY_API_KEYS_FILE: keyFile,
    MILLWRIGHT_GATEWAY_API_KEYS: `viewer-key:viewer:${keys['viewer']!.sha256}`,
    MILLWRIGHT_GATEWAY_JWT_SECRET: JWT_SECRET,
    MILLWRIGHT_GATEWAY_JWT_PUBLIC_KEY_FILE: publicKeyFile,
    MILLWRIGHT_GATEWAY_JWT_AUDIENCE: 'millwright',
    MILLWRIGHT_GATEWAY_BODY_LIMIT_BYTES: '4096',
    MILLWRIGHT_GATEWAY_RATE_LIMIT_PER_MINUTE: '60',
    MILLWRIGHT_GATEWAY_RATE_LIMIT_BURST: '30',
    MILLWRIGHT_GATEWAY_AUDIT_FILE: auditFile,
    MILLWRIGHT_READY_SERVICES: 'orders',
  });
  broker = new ServiceBroker(createBrokerOptions(config));
  broker.createService(gatewayService(config, { routes: ALL_ROUTES }));
  broker.createService(platformNodeService(config));
  broker.createService({
    name: 'orders',
    actions: {
      release(ctx: Context<{ order: string }, { user?: unknown; correlationId?: string }>) {
        released.push({
          params: ctx.params,
          user: ctx.meta.user,
          correlationId: ctx.meta.correlationId,
        });
        return { order: ctx.params.order, status: 'released' };
      },
    },
  });
  broker.createService({
    name: 'probe',
    actions: { item: (ctx: Context) => ({ params: ctx.params }) },
  });
  await broker.start();
  base = gatewayAddress(broker)!.url;
});

afterAll(async () => {
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Headers;
  body: { type?: string; message?: string; data?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
}

let sequence = 0;
/** Each call gets its own correlation id, so its audit record can be found exactly. */
async function call(
  method: string,
  path: string,
  options: { key?: string; token?: string; body?: string | object; contentType?: string } = {},
): Promise<Reply & { correlationId: string }> {
  const correlationId = `test-${++sequence}`;
  const headers: Record<string, string> = { 'X-Correlation-ID': correlationId };
  if (options.key !== undefined) headers['Authorization'] = `ApiKey ${options.key}`;
  if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? {} : (JSON.parse(text) as Reply['body']),
    correlationId,
  };
}

function auditRecords(): AuditRecord[] {
  return readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditRecord);
}
const auditOf = (correlationId: string) =>
  auditRecords().filter((r) => r.correlationId === correlationId);

const RANKS: Role[] = ['viewer', 'operator', 'integrator', 'admin'];
const urlOf = (route: GatewayRoute) => `/api/v1${route.path.replace(/:[A-Za-z]+/g, '1')}`;
const validBodyOf = (route: GatewayRoute) =>
  route.action === 'orders.release' ? validOrder() : undefined;

describe('REST gateway: authentication and roles', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses a call without credentials (401, audited)',
    async (_, route) => {
      const body = validBodyOf(route);
      const reply = await call(route.method, urlOf(route), body === undefined ? {} : { body });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({
        type: 'MW_GATEWAY_UNAUTHENTICATED',
        data: { reason: 'no credentials' },
      });
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(auditOf(reply.correlationId)).toMatchObject([
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
    const reply = await call(route.method, urlOf(route), {
      key: keys[below]!.key,
      body: validBodyOf(route) ?? {},
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({
      type: 'MW_GATEWAY_FORBIDDEN',
      data: { required: route.role, held: below },
    });
    expect(auditOf(reply.correlationId)).toMatchObject([
      {
        status: 403,
        outcome: 'MW_GATEWAY_FORBIDDEN',
        principal: { kind: 'api-key', id: `${below}-key`, role: below },
      },
    ]);
  });

  it('refuses an unknown key, a bad token and an unknown scheme, each audited', async () => {
    const bad = [
      await call('GET', '/api/v1/nodes/self', { key: 'mwk_not-a-key' }),
      await call('GET', '/api/v1/nodes/self', {
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
    for (const reply of bad) expect(auditOf(reply.correlationId)).toHaveLength(1);
  });

  it('accepts the X-API-Key header, HS256 and RS256 tokens, and a higher role than needed', async () => {
    const viaHeader = await fetch(`${base}/api/v1/nodes/self`, {
      headers: { 'X-API-Key': keys['viewer']!.key },
    });
    expect(viaHeader.status).toBe(200);
    const claims = { sub: 'mes-1', role: 'viewer', aud: 'millwright', exp: nowSeconds() + 60 };
    for (const token of [
      signJwt(claims, { alg: 'HS256', secret: JWT_SECRET }),
      signJwt(claims, { alg: 'RS256', privateKey: rsa.privateKey }),
    ]) {
      const reply = await call('GET', '/api/v1/nodes/self', { token });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        nodeId: broker.nodeID,
        services: expect.arrayContaining(['gateway', 'orders']) as unknown,
      });
    }
    expect((await call('GET', '/api/v1/nodes/self', { key: keys['admin']!.key })).status).toBe(200);
  });
});

describe('REST gateway: validation', () => {
  it.each(
    ALL_ROUTES.filter((r) => r.body !== undefined).map(
      (r) => [`${r.method} ${r.path}`, r] as const,
    ),
  )(
    '%s answers a body that breaks its contract with MW_CONTRACT_INVALID and the zod issues',
    async (_, route) => {
      const before = released.length;
      const reply = await call(route.method, urlOf(route), {
        key: keys['admin']!.key,
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
      expect(released.length).toBe(before);
      expect(auditOf(reply.correlationId)).toMatchObject([
        { status: 422, outcome: 'MW_CONTRACT_INVALID' },
      ]);
    },
  );

  it('names the path of each bad field of an order', async () => {
    const order = validOrder();
    const reply = await call('POST', '/api/v1/orders', {
      key: keys['operator']!.key,
      body: { ...order, plant: 'bad plant', targetQuantity: { value: 'ten', unit: 'PCE' } },
    });
    const paths = (reply.body.data?.['issues'] as { path: unknown[] }[]).map((i) =>
      i.path.join('.'),
    );
    expect(paths.sort()).toEqual(['plant', 'targetQuantity.value']);
  });

  it('releases a valid order as the caller, with defaults applied and the correlation id carried', async () => {
    const reply = await call('POST', '/api/v1/orders', {
      key: keys['operator']!.key,
      body: validOrder(),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ order: '1000123', status: 'released' });
    expect(reply.headers.get('x-correlation-id')).toBe(reply.correlationId);
    const last = released.at(-1)!;
    expect(last.user).toEqual({ kind: 'api-key', id: 'operator-key', role: 'operator' });
    expect(last.correlationId).toBe(reply.correlationId);
    expect(last.params).toMatchObject({
      order: '1000123',
      components: [],
      qualityInstructions: [],
    });
    expect(auditOf(reply.correlationId)).toMatchObject([
      {
        status: 200,
        outcome: 'ok',
        method: 'POST',
        path: '/api/v1/orders',
        action: 'orders.release',
        principal: { id: 'operator-key' },
      },
    ]);
    expect(auditOf(reply.correlationId)[0]?.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('validates path parameters and query strings, applying query defaults', async () => {
    const key = keys['viewer']!.key;
    const ok = await call('GET', '/api/v1/test/items/42?limit=3', { key });
    expect(ok.body).toEqual({ params: { item: '42', limit: 3 } });
    expect((await call('GET', '/api/v1/test/items/42', { key })).body).toEqual({
      params: { item: '42', limit: 5 },
    });
    const badPath = await call('GET', '/api/v1/test/items/abc', { key });
    expect([badPath.status, badPath.body.type]).toEqual([422, 'MW_CONTRACT_INVALID']);
    const badQuery = await call('GET', '/api/v1/test/items/42?limit=99', { key });
    expect(badQuery.status).toBe(422);
    expect((badQuery.body.data?.['issues'] as { path: string[] }[])[0]?.path).toEqual(['limit']);
  });

  it('answers malformed JSON with 400 and a non-JSON body with 415', async () => {
    const key = keys['operator']!.key;
    const malformed = await call('POST', '/api/v1/orders', { key, body: '{"order": ' });
    expect([malformed.status, malformed.body.type]).toEqual([400, 'MW_GATEWAY_BODY_MALFORMED']);
    const text = await call('POST', '/api/v1/orders', {
      key,
      body: 'order=1',
      contentType: 'text/plain',
    });
    expect([text.status, text.body.type]).toEqual([415, 'MW_GATEWAY_MEDIA_TYPE_UNSUPPORTED']);
  });

  it('answers unknown routes 404 and known paths with another method 405, with MW codes', async () => {
    const key = keys['admin']!.key;
    const missing = await call('GET', '/api/v1/nothing-here', { key });
    expect([missing.status, missing.body.type]).toEqual([404, 'MW_GATEWAY_ROUTE_NOT_FOUND']);
    expect((await call('GET', '/elsewhere')).body.type).toBe('MW_GATEWAY_ROUTE_NOT_FOUND');
    const wrongMethod = await call('DELETE', '/api/v1/orders', { key });
    expect([wrongMethod.status, wrongMethod.body.type]).toEqual([
      405,
      'MW_GATEWAY_METHOD_NOT_ALLOWED',
    ]);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(auditOf(wrongMethod.correlationId)).toMatchObject([{ status: 405, principal: null }]);
  });

  it('answers 503 when no node runs the service behind a route', async () => {
    const reply = await call('POST', '/api/v1/test/absent', { key: keys['operator']!.key });
    expect([reply.status, reply.body.type, reply.body['retryable']]).toEqual([
      503,
      'MW_GATEWAY_SERVICE_UNAVAILABLE',
      true,
    ]);
  });
});

describe('REST gateway: limits', () => {
  it('refuses a body over the size limit with 413, audited', async () => {
    const order = {
      ...validOrder(),
      routing: { id: 'R1', revision: 'A', operations: [], padding: 'x'.repeat(5000) },
    };
    const reply = await call('POST', '/api/v1/orders', { key: keys['operator']!.key, body: order });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({
      type: 'MW_GATEWAY_PAYLOAD_TOO_LARGE',
      data: { limitBytes: 4096 },
    });
    expect(auditOf(reply.correlationId)).toMatchObject([
      { status: 413, outcome: 'MW_GATEWAY_PAYLOAD_TOO_LARGE' },
    ]);
  });

  it('answers 429 with Retry-After once a key has used its burst, other keys unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await call('GET', '/api/v1/nodes/self', { key: keys['flood']!.key })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    const limited = await call('GET', '/api/v1/nodes/self', { key: keys['flood']!.key });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      type: 'MW_GATEWAY_RATE_LIMITED',
      retryable: true,
      data: { limitPerMinute: 60 },
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/api/v1/nodes/self', { key: keys['viewer']!.key })).status).toBe(
      200,
    );
  });
});

describe('REST gateway: probes and OpenAPI', () => {
  it('answers /health and /ready without credentials', async () => {
    const health = await call('GET', '/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', nodeId: broker.nodeID } });
    const ready = await call('GET', '/ready');
    expect(ready).toMatchObject({
      status: 200,
      body: {
        ready: true,
        checks: { broker: 'started', transporter: 'none', services: { orders: 'available' } },
      },
    });
  });

  it('serves an OpenAPI 3.1 document that validates and lists every route', async () => {
    const { body: document } = await call('GET', '/openapi.json');
    const { validateOpenApi } = await import('./openapi-schema.ts');
    expect(validateOpenApi(document)).toEqual([]);
    const paths = document['paths'] as Record<
      string,
      Record<string, { 'x-millwright-action'?: string; 'x-millwright-role'?: string }>
    >;
    const listed = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op['x-millwright-action'] !== undefined)
        .map(
          ([method, op]) =>
            `${method.toUpperCase()} ${path} -> ${op['x-millwright-action']} (${op['x-millwright-role']})`,
        ),
    );
    const expected = ALL_ROUTES.map(
      (r) =>
        `${r.method} /api/v1${r.path.replace(/:([A-Za-z]+)/g, '{$1}')} -> ${r.action} (${r.role})`,
    );
    expect(listed.sort()).toEqual(expected.sort());
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
  });

  it('documents each body with the JSON Schema of its contract, which accepts a valid body', async () => {
    const { body: document } = await call('GET', '/openapi.json');
    const { compileSchema } = await import('./openapi-schema.ts');
    const paths = document['paths'] as Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>
    >;
    const schema =
      paths['/api/v1/orders']?.['post']?.requestBody?.content['application/json']?.schema;
    const validate = compileSchema(schema!);
    expect(validate(validOrder())).toBe(true);
    expect(validate({ unexpected: true })).toBe(false);
  });

  it('stops being ready when a required service goes away', async () => {
    const orders = broker.getLocalService('orders');
    await broker.destroyService(orders);
    const reply = await call('GET', '/ready');
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({
      type: 'MW_GATEWAY_NOT_READY',
      data: { services: { orders: 'missing' } },
    });
  });
});
