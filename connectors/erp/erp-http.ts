// The HTTP leg to ERP: one JSON request with a hard timeout, over keep-alive connections.
// It only tells apart "answered" (any status), "no answer in time" (MW_ERP_TIMEOUT: the outcome
// is unknown) and "could not talk" (MW_ERP_UNAVAILABLE); what an answer means is the profile's.
import { MillwrightError } from '../../contracts/index.ts';

export interface ErpEndpoint {
  /** e.g. https://my-s4.example.com or http://127.0.0.1:4300 (the simulator). */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly username?: string;
  readonly password?: string;
}

export interface ErpHttpResponse {
  readonly status: number;
  readonly body: unknown;
}

export async function erpCall(
  endpoint: ErpEndpoint,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<ErpHttpResponse> {
  const all: Record<string, string> = { accept: 'application/json', ...headers };
  if (body !== undefined) all['content-type'] = 'application/json';
  if (endpoint.username !== undefined) {
    const token = Buffer.from(`${endpoint.username}:${endpoint.password ?? ''}`).toString('base64');
    all['authorization'] = `Basic ${token}`;
  }
  const url = new URL(path, endpoint.baseUrl);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers: all,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    text = await response.text();
  } catch (cause) {
    const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
    throw new MillwrightError(
      timedOut ? 'MW_ERP_TIMEOUT' : 'MW_ERP_UNAVAILABLE',
      timedOut
        ? `ERP did not answer ${method} ${url.pathname} within ${endpoint.timeoutMs} ms`
        : `ERP could not be reached for ${method} ${url.pathname}`,
      { url: `${url.origin}${url.pathname}`, timeoutMs: endpoint.timeoutMs },
      { cause },
    );
  }
  return { status: response.status, body: parseBody(text) };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
