// Any error a request can meet, as the HTTP answer the gateway sends: status, headers and the
// body `{ type: 'MW_...', message, retryable, data }`. Errors that are not MillwrightErrors
// (body parser, Moleculer, bugs) are translated to catalogue codes; internals are not leaked.
import { isMillwrightError, MillwrightError } from '../../contracts/index.ts';

export interface HttpErrorAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: { type: string; message: string; retryable: boolean; data: unknown };
}

interface ErrorLike {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly status?: unknown;
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly limit?: unknown;
  readonly data?: unknown;
}

const BODY_PARSER_TYPE = /^(entity|request|encoding|charset|stream)\./;

/**
 * body-parser errors carry `type` such as `entity.too.large`; moleculer-web re-wraps them as
 * MoleculerErrors with the HTTP status in `code` and the same `type`.
 */
function fromBodyParser(
  error: ErrorLike,
  bodyLimitBytes: number | null,
): MillwrightError | undefined {
  if (typeof error.type !== 'string' || !BODY_PARSER_TYPE.test(error.type)) return undefined;
  const status = typeof error.statusCode === 'number' ? error.statusCode : error.code;
  if (typeof status !== 'number') return undefined;
  if (error.type === 'entity.too.large')
    return new MillwrightError('MW_GATEWAY_PAYLOAD_TOO_LARGE', 'request body is too large', {
      limitBytes: typeof error.limit === 'number' ? error.limit : bodyLimitBytes,
    });
  if (status === 415 || error.type.endsWith('.unsupported'))
    return new MillwrightError('MW_GATEWAY_MEDIA_TYPE_UNSUPPORTED', 'unsupported body encoding', {
      reason: error.type,
    });
  if (status >= 400 && status < 500)
    return new MillwrightError('MW_GATEWAY_BODY_MALFORMED', 'request body is not valid JSON', {
      reason: error.type,
    });
  return undefined;
}

/** Moleculer's own errors met when calling an action. */
function fromMoleculer(error: ErrorLike, action: string | null): MillwrightError | undefined {
  switch (error.type) {
    case 'SERVICE_NOT_FOUND':
    case 'SERVICE_NOT_AVAILABLE':
      return new MillwrightError(
        'MW_GATEWAY_SERVICE_UNAVAILABLE',
        `no node serves ${action ?? 'this route'} now`,
        { action },
      );
    case 'REQUEST_TIMEOUT':
      return new MillwrightError(
        'MW_GATEWAY_TIMEOUT',
        `${action ?? 'the action'} did not answer in time`,
        { action },
      );
    case 'VALIDATION_ERROR':
      return new MillwrightError(
        'MW_CONTRACT_INVALID',
        `parameters of ${action ?? 'the action'} are invalid`,
        {
          name: action,
          issues: error.data,
        },
      );
    default:
      return undefined;
  }
}

export interface ErrorContext {
  /** The action of the route, when one matched. */
  readonly action: string | null;
  readonly bodyLimitBytes?: number;
  /** Told about errors that became MW_PLATFORM_INTERNAL (they are logged, not shown). */
  readonly unexpected: (error: unknown) => void;
}

export function toHttpError(error: unknown, context: ErrorContext): HttpErrorAnswer {
  const { action, unexpected } = context;
  let known: MillwrightError | undefined;
  if (isMillwrightError(error)) known = error;
  else if (typeof error === 'object' && error !== null) {
    known = fromBodyParser(error, context.bodyLimitBytes ?? null) ?? fromMoleculer(error, action);
  }
  if (known === undefined) {
    unexpected(error);
    known = new MillwrightError('MW_PLATFORM_INTERNAL', 'internal error; see the node log', null);
  }
  const headers: Record<string, string> = {};
  const data = known.data as { retryAfterSeconds?: unknown; allow?: unknown } | null;
  if (known.type === 'MW_GATEWAY_RATE_LIMITED' && typeof data?.retryAfterSeconds === 'number')
    headers['Retry-After'] = String(data.retryAfterSeconds);
  if (known.type === 'MW_GATEWAY_METHOD_NOT_ALLOWED' && Array.isArray(data?.allow))
    headers['Allow'] = data.allow.join(', ');
  if (known.type === 'MW_GATEWAY_UNAUTHENTICATED')
    headers['WWW-Authenticate'] = 'Bearer realm="millwright", ApiKey realm="millwright"';
  const status = known.code >= 400 && known.code < 600 ? known.code : 500;
  return {
    status,
    headers,
    body: {
      type: known.type,
      message: known.message,
      retryable: known.retryable,
      data: known.data,
    },
  };
}
