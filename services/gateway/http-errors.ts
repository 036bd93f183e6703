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
  readonly message?: unknown;
  readonly limit?: unknown;
  readonly data?: unknown;
}

/** body-parser errors (http-errors) carry `type` such as `entity.too.large`. */
function fromBodyParser(error: ErrorLike): MillwrightError | undefined {
  if (typeof error.type !== 'string' || typeof error.statusCode !== 'number') return undefined;
  if (error.type === 'entity.too.large')
    return new MillwrightError('MW_GATEWAY_PAYLOAD_TOO_LARGE', 'request body is too large', {
      limitBytes: typeof error.limit === 'number' ? error.limit : null,
    });
  if (error.statusCode === 415 || error.type.endsWith('.unsupported'))
    return new MillwrightError('MW_GATEWAY_MEDIA_TYPE_UNSUPPORTED', 'unsupported body encoding', {
      reason: error.type,
    });
  if (error.statusCode >= 400 && error.statusCode < 500)
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

/** Translates an error; `unexpected` is told about errors that became MW_PLATFORM_INTERNAL. */
export function toHttpError(
  error: unknown,
  action: string | null,
  unexpected: (error: unknown) => void,
): HttpErrorAnswer {
  let known: MillwrightError | undefined;
  if (isMillwrightError(error)) known = error;
  else if (typeof error === 'object' && error !== null) {
    known = fromBodyParser(error) ?? fromMoleculer(error, action);
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
