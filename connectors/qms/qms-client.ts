// The HTTP leg to the QMS: create an inspection lot (Idempotency-Key = the hold's event id, so a
// retry after a lost answer finds the same lot) and read the usage-decision feed. Answers are
// classified here: 5xx, 429, timeouts and refused connections are MW_QMS_UNAVAILABLE (wait and
// retry), any other 4xx is MW_QMS_REJECTED (a person must act).
import { MillwrightError } from '../../contracts/index.ts';
import {
  IDEMPOTENCY_KEY,
  IDEMPOTENT_REPLAYED,
  INSPECTION_LOTS,
  USAGE_DECISIONS,
  type InspectionLot,
  type InspectionLotCreate,
  type QmsErrorBody,
  type UsageDecisionPage,
} from './qms-api.ts';

export interface QmsEndpoint {
  /** e.g. https://qms.example.com or http://127.0.0.1:4310 (the simulator). */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Sent as `Authorization: Bearer <token>` when set. */
  readonly token?: string;
}

export interface CreatedLot {
  readonly lot: InspectionLot;
  /** True when the QMS answered with the lot of an earlier request under the same key. */
  readonly repeated: boolean;
}

export class QmsClient {
  readonly #endpoint: QmsEndpoint;

  constructor(endpoint: QmsEndpoint) {
    this.#endpoint = endpoint;
  }

  async createInspectionLot(input: InspectionLotCreate, key: string): Promise<CreatedLot> {
    const { status, body, headers } = await this.#call('POST', INSPECTION_LOTS, input, {
      [IDEMPOTENCY_KEY]: key,
    });
    if (status !== 200 && status !== 201)
      throw this.#failure(status, body, 'create inspection lot');
    return { lot: body as InspectionLot, repeated: headers.get(IDEMPOTENT_REPLAYED) === 'true' };
  }

  async decisionsAfter(after: number, limit = 100): Promise<UsageDecisionPage> {
    const path = `${USAGE_DECISIONS}?after=${after}&limit=${limit}`;
    const { status, body } = await this.#call('GET', path, undefined, {});
    if (status !== 200) throw this.#failure(status, body, 'read usage decisions');
    return body as UsageDecisionPage;
  }

  async #call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    extra: Record<string, string>,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#endpoint.token !== undefined)
      headers['authorization'] = `Bearer ${this.#endpoint.token}`;
    const url = new URL(path, this.#endpoint.baseUrl);
    try {
      const response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#endpoint.timeoutMs),
      });
      const text = await response.text();
      return { status: response.status, body: parse(text), headers: response.headers };
    } catch (cause) {
      const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
      throw new MillwrightError(
        'MW_QMS_UNAVAILABLE',
        timedOut
          ? `QMS did not answer ${method} ${url.pathname} within ${this.#endpoint.timeoutMs} ms`
          : `QMS could not be reached for ${method} ${url.pathname}`,
        { url: `${url.origin}${url.pathname}`, timeoutMs: this.#endpoint.timeoutMs },
        { cause },
      );
    }
  }

  #failure(status: number, body: unknown, what: string): MillwrightError {
    const error = (body as Partial<QmsErrorBody> | undefined)?.error;
    const qms = { status, code: error?.code ?? '', message: error?.message ?? '' };
    const code = status >= 500 || status === 429 ? 'MW_QMS_UNAVAILABLE' : 'MW_QMS_REJECTED';
    return new MillwrightError(
      code,
      `QMS refused to ${what}: HTTP ${status} ${qms.code} ${qms.message}`.trim(),
      { qms },
    );
  }
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
