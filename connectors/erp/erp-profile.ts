// An ERP profile: how canonical business events become requests to one ERP's API, how its
// answers read (document numbers, error classes), and how a posting is found again by
// reference. SAP S/4HANA is the first profile; Dynamics 365 or NetSuite would be another file
// of this shape, not a change to the connector.
import type { AnyBusinessEvent, MillwrightError } from '../../contracts/index.ts';

export interface ErpRequest {
  readonly method: 'POST';
  /** Path below the ERP base URL, query included. */
  readonly path: string;
  readonly body: unknown;
  /** What the posting is called in ERP, for logs and metrics ("confirmation", "261"). */
  readonly kind: string;
  /** Text stored with the document that identifies the event: the read-back key. */
  readonly reference: string;
}

export interface ErpReadBack {
  readonly method: 'GET';
  readonly path: string;
}

export type ErpOutcome =
  /** ERP created the document(s). */
  | { readonly kind: 'posted'; readonly documents: readonly string[] }
  /** ERP answered that it did not post; `error.retryable` says whether to wait or give up. */
  | { readonly kind: 'rejected'; readonly error: MillwrightError }
  /** It may or may not have posted (5xx, timeout): read back before trying again. */
  | { readonly kind: 'unknown'; readonly error: MillwrightError };

export interface ErpProfile {
  readonly name: string;
  /** Event types this profile posts; the connector consumes exactly these. */
  readonly eventTypes: readonly string[];
  /** Throws MW_CONTRACT_INVALID or MW_ERP_UNSUPPORTED_EVENT for what it cannot post. */
  toRequest(event: AnyBusinessEvent): ErpRequest;
  interpret(request: ErpRequest, status: number, body: unknown): ErpOutcome;
  readBack(request: ErpRequest): ErpReadBack;
  /** Documents found by a read-back answer; an error outcome when ERP did not answer it. */
  readBackDocuments(status: number, body: unknown): readonly string[] | ErpOutcome;
}
