// The OpenAPI 3.1 document of the gateway, generated from the route table and the same zod
// contracts that validate requests (JSON Schema 2020-12 is OpenAPI 3.1's dialect). Served at
// /openapi.json; nothing is written by hand except the texts of the info block.
import { z } from 'zod';
import { errorCatalogue } from '../../contracts/index.ts';
import { contractJsonSchema, type JsonSchema } from '../../contracts/publish/index.ts';
import { API_PREFIX, pathParamNames, type GatewayRoute } from './route-table.ts';

export interface OpenApiInfo {
  readonly version: string;
  readonly serverUrl?: string;
}

const ErrorBody = z.object({
  type: z.string().regex(/^MW_[A-Z0-9]+_[A-Z0-9_]+$/),
  message: z.string(),
  retryable: z.boolean(),
  data: z.unknown(),
});

const errorRef = { $ref: '#/components/schemas/Error' };

function errorResponse(description: string): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: errorRef } } };
}

function openApiPath(path: string): string {
  return API_PREFIX + path.replace(/:([A-Za-z][A-Za-z0-9_]*)/g, '{$1}');
}

function parameters(route: GatewayRoute): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [];
  for (const name of pathParamNames(route.path)) {
    const schema = route.pathParams?.shape[name] as z.ZodType | undefined;
    list.push({
      name,
      in: 'path',
      required: true,
      schema: schema ? contractJsonSchema(schema) : { type: 'string' },
    });
  }
  for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
    const field = schema as z.ZodType;
    list.push({
      name,
      in: 'query',
      required: !field.safeParse(undefined).success,
      schema: contractJsonSchema(field),
    });
  }
  return list;
}

function success(route: GatewayRoute): Record<string, unknown> {
  if (route.responseMediaType === 'text/event-stream')
    return {
      description: 'Server-sent events (WHATWG HTML 9.2); the connection stays open',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    };
  return {
    description: 'Success',
    ...(route.response === undefined
      ? {}
      : { content: { 'application/json': { schema: contractJsonSchema(route.response) } } }),
  };
}

function operation(route: GatewayRoute): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    [String(route.successStatus ?? 200)]: success(route),
    '401': errorResponse('MW_GATEWAY_UNAUTHENTICATED: no or invalid credentials'),
    '403': errorResponse(`MW_GATEWAY_FORBIDDEN: needs role ${route.role} or above`),
    '429': errorResponse('MW_GATEWAY_RATE_LIMITED: wait Retry-After seconds'),
    '503': errorResponse('MW_GATEWAY_SERVICE_UNAVAILABLE: no node runs the service'),
  };
  if (route.body !== undefined || route.query !== undefined || route.pathParams !== undefined)
    responses['422'] = errorResponse('MW_CONTRACT_INVALID: data.issues lists the zod issues');
  if (route.body !== undefined) {
    responses['400'] = errorResponse('MW_GATEWAY_BODY_MALFORMED: the body is not JSON');
    responses['413'] = errorResponse('MW_GATEWAY_PAYLOAD_TOO_LARGE: the body is over the limit');
  }
  const params = parameters(route);
  return {
    operationId: route.operationId ?? route.action,
    summary: route.summary,
    tags: [route.tag],
    'x-millwright-action': route.action,
    'x-millwright-role': route.role,
    security: [{ bearer: [] }, { apiKey: [] }],
    ...(params.length === 0 ? {} : { parameters: params }),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            description: `Contract ${route.body.name}`,
            content: { 'application/json': { schema: contractJsonSchema(route.body.schema) } },
          },
        }),
    responses,
  };
}

function probe(summary: string): Record<string, unknown> {
  return {
    get: {
      summary,
      tags: ['probes'],
      security: [],
      responses: { '200': { description: 'OK' }, '503': errorResponse('Not ready') },
    },
  };
}

export function buildOpenApiDocument(
  routes: readonly GatewayRoute[],
  info: OpenApiInfo,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {
    '/health': probe('Liveness: the process answers.'),
    '/ready': probe('Readiness: broker started, transporter connected, required services present.'),
  };
  const operationIds = new Set<string>();
  for (const route of routes) {
    // OpenAPI 3.1 section 4.8.10: operationId is unique among all operations.
    const id = route.operationId ?? route.action;
    if (operationIds.has(id))
      throw new Error(`gateway route ${route.method} ${route.path}: operationId ${id} is taken`);
    operationIds.add(id);
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  const codes = [...errorCatalogue.keys()].sort();
  const errorSchema: JsonSchema = { ...contractJsonSchema(ErrorBody) };
  delete errorSchema['$schema'];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Millwright REST gateway',
      version: info.version,
      description:
        'REST surface of Millwright for MES and ERP systems. Errors carry an MW_* code (see docs/errors.md); roles: viewer < operator < integrator < admin.',
    },
    ...(info.serverUrl === undefined ? {} : { servers: [{ url: info.serverUrl }] }),
    paths,
    components: {
      schemas: { Error: { ...errorSchema, 'x-millwright-codes': codes } },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (HS256 or RS256)' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
