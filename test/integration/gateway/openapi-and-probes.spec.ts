// /health and /ready answer without credentials (ready follows the required services), and
// /openapi.json validates against the OpenAPI 3.1 schema and lists every route of the table plus
// the dashboard's live stream (server-sent events), each with a unique operationId.
import { validOrder } from './fixtures.ts';
import { STREAM_ROUTE } from '../../../services/gateway/event-stream.ts';
import { ALL_ROUTES, KEYS, useTestGateway } from './harness.ts';

const gateway = useTestGateway();

describe('REST gateway: probes and OpenAPI', () => {
  it('answers /health and /ready without credentials', async () => {
    const health = await gateway.call('GET', '/health');
    expect(health).toMatchObject({
      status: 200,
      body: { status: 'ok', nodeId: gateway.broker.nodeID },
    });
    const ready = await gateway.call('GET', '/ready');
    expect(ready).toMatchObject({
      status: 200,
      body: {
        ready: true,
        checks: { broker: 'started', transporter: 'none', services: { orders: 'available' } },
      },
    });
  });

  it('serves an OpenAPI 3.1 document that validates and lists every route', async () => {
    const { body: document } = await gateway.call('GET', '/openapi.json');
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
    const expected = [...ALL_ROUTES, STREAM_ROUTE].map(
      (r) =>
        `${r.method} /api/v1${r.path.replace(/:([A-Za-z]+)/g, '{$1}')} -> ${r.action} (${r.role})`,
    );
    expect(listed.sort()).toEqual(expected.sort());
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
    const operations = Object.values(paths).flatMap((ops) => Object.values(ops)) as {
      operationId?: string;
    }[];
    const ids = operations.map((op) => op.operationId).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents the live stream as text/event-stream, and serves it with the same auth', async () => {
    const { body: document } = await gateway.call('GET', '/openapi.json');
    const paths = document['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    const stream = paths['/api/v1/stream']?.['get'];
    expect(stream).toMatchObject({
      operationId: 'dashboard.stream',
      'x-millwright-role': 'viewer',
      responses: { '200': { content: { 'text/event-stream': { schema: { type: 'string' } } } } },
    });
    expect(await gateway.call('GET', '/api/v1/stream')).toMatchObject({
      status: 401,
      body: { type: 'MW_GATEWAY_UNAUTHENTICATED' },
    });
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/api/v1/stream`, {
      headers: { Authorization: `ApiKey ${KEYS.viewer}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
  });

  it('documents each body with the JSON Schema of its contract, which accepts a valid body', async () => {
    const { body: document } = await gateway.call('GET', '/openapi.json');
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
    const orders = gateway.broker.getLocalService('orders');
    await gateway.broker.destroyService(orders);
    const reply = await gateway.call('GET', '/ready');
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({
      type: 'MW_GATEWAY_NOT_READY',
      data: { services: { orders: 'missing' } },
    });
  });
});
