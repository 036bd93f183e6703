// One REST call through the gateway, in order: authenticate, rate-limit per caller, check the
// route's role, validate body / query / path against the route's contracts, call the action,
// audit (mutating and refused calls) and answer. Depends on ports only: no Moleculer, no HTTP server.
import type { IncomingHttpHeaders } from 'node:http';
import { MillwrightError, parseWith } from '../../contracts/index.ts';
import { bodyDigest, type GatewayAudit } from './audit.ts';
import type { Authenticator, Principal } from './authenticate.ts';
import { toHttpError } from './http-errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import { roleAllows } from './roles.ts';
import { defaultParams, isMutating, type GatewayRoute, type RouteInput } from './route-table.ts';

export interface GatewayRequest {
  readonly method: string;
  /** Path as requested (without the query string), for the audit record. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly query: Record<string, unknown>;
  readonly pathParams: Record<string, unknown>;
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly correlationId: string | null;
}

export interface PipelinePorts {
  readonly authenticator: Authenticator;
  readonly rateLimiter: RateLimiter;
  readonly audit: GatewayAudit;
  readonly perMinute: number;
  /** Calls the route's action as the principal (never with its credentials). */
  readonly call: (route: GatewayRoute, params: unknown, principal: Principal) => Promise<unknown>;
  /** Told about errors that were not expected (they answer MW_PLATFORM_INTERNAL). */
  readonly unexpected: (error: unknown) => void;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

function validate(route: GatewayRoute, request: GatewayRequest): RouteInput {
  const where = `${route.method} ${route.path}`;
  const contentType = request.headers['content-type'];
  if (route.body !== undefined && contentType !== undefined && !/\bjson\b/i.test(contentType))
    throw new MillwrightError(
      'MW_GATEWAY_MEDIA_TYPE_UNSUPPORTED',
      `${where} takes application/json`,
      {
        contentType,
      },
    );
  return {
    body:
      route.body === undefined
        ? undefined
        : parseWith(route.body.schema, request.body, route.body.name),
    query: route.query === undefined ? {} : parseWith(route.query, request.query, `${where} query`),
    pathParams:
      route.pathParams === undefined
        ? {}
        : parseWith(route.pathParams, request.pathParams, `${where} path`),
  };
}

async function run(
  route: GatewayRoute,
  request: GatewayRequest,
  ports: PipelinePorts,
  who: { principal: Principal | null },
): Promise<unknown> {
  const principal = ports.authenticator.authenticate(request.headers, request.ip);
  who.principal = principal;
  const decision = ports.rateLimiter.take(`${principal.kind}:${principal.id}`);
  if (!decision.allowed)
    throw new MillwrightError('MW_GATEWAY_RATE_LIMITED', `rate limit of ${principal.id} reached`, {
      retryAfterSeconds: decision.retryAfterSeconds,
      limitPerMinute: ports.perMinute,
    });
  if (!roleAllows(principal.role, route.role))
    throw new MillwrightError(
      'MW_GATEWAY_FORBIDDEN',
      `${route.method} ${route.path} needs role ${route.role}; ${principal.id} has ${principal.role}`,
      { required: route.role, held: principal.role },
    );
  const input = validate(route, request);
  return ports.call(route, (route.toParams ?? defaultParams)(input), principal);
}

export async function serveRoute(
  route: GatewayRoute,
  request: GatewayRequest,
  ports: PipelinePorts,
): Promise<HttpAnswer> {
  const who: { principal: Principal | null } = { principal: null };
  let answer: HttpAnswer;
  let outcome = 'ok';
  try {
    const data = await run(route, request, ports, who);
    answer = { status: route.successStatus ?? 200, headers: {}, body: data };
  } catch (error) {
    const failure = toHttpError(error, { action: route.action, unexpected: ports.unexpected });
    outcome = failure.body.type;
    answer = failure;
  }
  if (isMutating(request.method) || answer.status === 401 || answer.status === 403) {
    // The call has happened: an audit write failure is reported, not turned into a 500.
    await ports.audit
      .append({
        at: new Date().toISOString(),
        requestId: request.requestId,
        correlationId: request.correlationId,
        principal: who.principal,
        method: request.method,
        path: request.path,
        action: route.action,
        status: answer.status,
        outcome,
        ip: request.ip,
        bodySha256: bodyDigest(request.body),
      })
      .catch(ports.unexpected);
  }
  return answer;
}
