// The HTTP edge of the gateway: a moleculer-web request seen as a GatewayRequest, answers
// written as JSON with the correlation id echoed, and moleculer-web's "no alias" turned into
// 404 or 405. Knows moleculer-web's request fields, nothing about roles or contracts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IncomingRequest } from 'moleculer-web';
import { ensureCorrelationId } from '../platform/correlation.middleware.ts';
import { MillwrightError } from '../../contracts/index.ts';
import type { GatewayRequest, HttpAnswer } from './request-pipeline.ts';
import { allowedMethods, API_PREFIX, type GatewayRoute } from './route-table.ts';

interface SplitParams {
  body?: unknown;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

const CORRELATION_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The caller's X-Correlation-ID (or X-Request-ID) when it is a plain token of at most 128
 * characters; otherwise undefined and Moleculer makes one. Keeps odd values out of logs,
 * events and the audit file.
 */
export function callerCorrelationId(req: IncomingMessage): string | undefined {
  const raw = req.headers['x-correlation-id'] ?? req.headers['x-request-id'];
  return typeof raw === 'string' && CORRELATION_ID.test(raw) ? raw : undefined;
}

export function pathOf(req: IncomingRequest): string {
  const url = req.originalUrl || req.url || '/';
  const end = url.indexOf('?');
  return end === -1 ? url : url.slice(0, end);
}

/** Reads the request as moleculer-web left it with `mergeParams: false`. */
export function toGatewayRequest(req: IncomingRequest): GatewayRequest {
  const params = (req.$params ?? {}) as SplitParams;
  const ctx = req.$ctx as Parameters<typeof ensureCorrelationId>[0] | undefined;
  return {
    method: req.method ?? 'GET',
    path: pathOf(req),
    headers: req.headers,
    body: params.body,
    query: params.query ?? {},
    pathParams: params.params ?? {},
    ip: req.socket.remoteAddress ?? null,
    requestId: ctx?.requestID ?? null,
    correlationId: ctx === undefined ? null : ensureCorrelationId(ctx),
  };
}

export function sendAnswer(
  res: ServerResponse,
  answer: HttpAnswer,
  correlationId: string | null,
): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { ...answer.headers };
  if (correlationId !== null) headers['X-Correlation-ID'] = correlationId;
  if (answer.body === undefined || answer.body === null) {
    res.writeHead(answer.status === 200 ? 204 : answer.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(answer.body);
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers);
  res.end(text);
}

/** moleculer-web's "no alias" answer becomes 405 when the path exists with other methods. */
export function routingError(
  error: unknown,
  routes: readonly GatewayRoute[],
  req: IncomingRequest,
): unknown {
  const e = error as { code?: unknown; type?: unknown };
  if (e.code !== 404 || e.type !== 'NOT_FOUND') return error;
  const path = pathOf(req);
  const allow = path.startsWith(API_PREFIX)
    ? allowedMethods(routes, path.slice(API_PREFIX.length))
    : [];
  const method = req.method ?? 'GET';
  return allow.length > 0
    ? new MillwrightError('MW_GATEWAY_METHOD_NOT_ALLOWED', `${method} ${path} is not served`, {
        method,
        path,
        allow,
      })
    : new MillwrightError('MW_GATEWAY_ROUTE_NOT_FOUND', `no route ${method} ${path}`, {
        method,
        path,
      });
}
