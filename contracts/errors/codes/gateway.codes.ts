// Codes of the REST gateway: authentication, roles, limits, routing and readiness. The HTTP
// status of each response is the status listed here.
import { defineCodes } from '../error-code-entry.ts';

export const gatewayCodes = defineCodes({
  MW_GATEWAY_UNAUTHENTICATED: {
    status: 401,
    retryable: false,
    summary: 'A REST call carried no credentials, or an unknown API key or an invalid JWT.',
    action:
      'Send `Authorization: Bearer <jwt>`, `Authorization: ApiKey <key>` or `X-API-Key: <key>`; data.reason says what was wrong.',
  },
  MW_GATEWAY_FORBIDDEN: {
    status: 403,
    retryable: false,
    summary: "The caller's role is below the role the route requires.",
    action:
      'Use a key or token with the role named in data.required (viewer < operator < integrator < admin).',
  },
  MW_GATEWAY_RATE_LIMITED: {
    status: 429,
    retryable: true,
    summary: 'The caller sent more requests than its rate limit allows.',
    action:
      'Wait the seconds in the Retry-After header; raise MILLWRIGHT_GATEWAY_RATE_LIMIT_* if the load is expected.',
  },
  MW_GATEWAY_PAYLOAD_TOO_LARGE: {
    status: 413,
    retryable: false,
    summary: 'A request body is larger than the gateway accepts.',
    action:
      'Split the request, or raise MILLWRIGHT_GATEWAY_BODY_LIMIT_BYTES (data.limitBytes is the limit).',
  },
  MW_GATEWAY_BODY_MALFORMED: {
    status: 400,
    retryable: false,
    summary: 'A request body is not valid JSON (or not an object or array).',
    action: 'Send a JSON document with `Content-Type: application/json`.',
  },
  MW_GATEWAY_MEDIA_TYPE_UNSUPPORTED: {
    status: 415,
    retryable: false,
    summary: 'A request body was sent with a content type other than JSON.',
    action: 'Send the body as JSON with `Content-Type: application/json`.',
  },
  MW_GATEWAY_ROUTE_NOT_FOUND: {
    status: 404,
    retryable: false,
    summary: 'No REST route has this path.',
    action: 'Check the path against /openapi.json.',
  },
  MW_GATEWAY_METHOD_NOT_ALLOWED: {
    status: 405,
    retryable: false,
    summary: 'The path exists but not with this HTTP method.',
    action: 'Use a method listed in the Allow header (and in /openapi.json).',
  },
  MW_GATEWAY_SERVICE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    summary: 'The service behind a route runs on no node of the cluster right now.',
    action:
      'Start a node with the service group that provides it (data.action names the action), then retry.',
  },
  MW_GATEWAY_TIMEOUT: {
    status: 504,
    retryable: true,
    summary: 'The service behind a route did not answer in time.',
    action:
      'Retry with the same idempotency data; if it persists, check the node running data.action.',
  },
  MW_GATEWAY_NOT_READY: {
    status: 503,
    retryable: true,
    summary:
      'The node is not ready: broker not started, transporter disconnected or a required service missing.',
    action:
      'Read data.checks for the failing check; a supervisor should wait and probe /ready again.',
  },
});
