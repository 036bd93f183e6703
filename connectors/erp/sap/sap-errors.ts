// SAP's answers classified into Millwright codes. A 4xx is a definite "not posted": the message
// id decides whether waiting can help (a lock) or a person must act (master data, a closed
// period). A 5xx may hide a commit, so it is "unknown" and the connector reads back first.
import { MillwrightError, type ErrorCode } from '../../../contracts/index.ts';
import type { ErpOutcome } from '../erp-profile.ts';
import { SapMessage } from './sap-api.ts';

const BY_MESSAGE: Readonly<Record<string, ErrorCode>> = {
  [SapMessage.materialUnknown]: 'MW_ERP_MASTER_DATA_MISSING',
  'M3/350': 'MW_ERP_MASTER_DATA_MISSING', // material not maintained in the plant
  'M7/001': 'MW_ERP_MASTER_DATA_MISSING', // plant does not exist
  [SapMessage.materialLocked]: 'MW_ERP_LOCKED',
  'M3/023': 'MW_ERP_LOCKED', // material locked by another user
  'RU/505': 'MW_ERP_LOCKED', // order locked
  [SapMessage.periodClosed]: 'MW_ERP_PERIOD_CLOSED',
  'F5/201': 'MW_ERP_PERIOD_CLOSED', // fiscal year change not made
};

export interface SapErrorDetail {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** sap-api.ts's ODataError as it may arrive: any part can be missing. */
interface LooseODataError {
  readonly error?: { readonly code?: string; readonly message?: { readonly value?: string } };
}

export function sapErrorOf(status: number, body: unknown): SapErrorDetail {
  const error = (body as LooseODataError | undefined)?.error;
  const message = error?.message?.value ?? (typeof body === 'string' ? body.slice(0, 200) : '');
  return { status, code: error?.code ?? '', message };
}

function codeFor(detail: SapErrorDetail): ErrorCode {
  if (detail.status >= 500 || detail.status === 429) return 'MW_ERP_UNAVAILABLE';
  if (detail.status === 401 || detail.status === 403) return 'MW_ERP_UNAUTHORIZED';
  if (detail.status === 409 || detail.status === 423) return 'MW_ERP_LOCKED';
  return BY_MESSAGE[detail.code] ?? 'MW_ERP_REJECTED';
}

/** An error answer of SAP as an outcome: 5xx unknown, 4xx rejected with its class. */
export function classifySapError(status: number, body: unknown, what: string): ErpOutcome {
  const detail = sapErrorOf(status, body);
  const code = codeFor(detail);
  const error = new MillwrightError(
    code,
    `SAP refused ${what}: ${detail.code === '' ? `HTTP ${status}` : detail.code} ${detail.message}`.trim(),
    { erp: detail },
  );
  // 5xx: SAP may have committed before failing to answer. 429: refused before any work.
  return status >= 500 ? { kind: 'unknown', error } : { kind: 'rejected', error };
}
