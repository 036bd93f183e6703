// The posting ledger: one record per business event the connector has tried to post, written
// before ERP is called (guarantee 2 of DESIGN.md). Compare-and-set by revision, so two
// connector instances can never both believe they own one posting.
import type { ErrorCode } from '../../contracts/index.ts';

export type PostingState = 'pending' | 'posted' | 'rejected';

export interface PostingError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly data?: unknown;
}

export interface PostingRecord {
  readonly eventId: string;
  readonly type: string;
  readonly correlationId: string;
  /** The read-back key stored with the ERP document. */
  readonly reference: string;
  /** pending: a call may be in flight or its outcome is unknown; read back before calling. */
  readonly state: PostingState;
  /** Claims made (each precedes a read-back or a call). */
  readonly attempts: number;
  /** Connector instance holding (or last holding) the claim. */
  readonly owner: string;
  /** Epoch ms of the last claim; a claim older than the lease belongs to a dead instance. */
  readonly claimedAt: number;
  readonly firstSentAt: string;
  /** ERP document numbers once posted. */
  readonly documents: readonly string[];
  readonly error?: PostingError;
  readonly replays: number;
  readonly updatedAt: string;
}

export interface VersionedRecord {
  readonly record: PostingRecord;
  readonly revision: number;
}

export interface PostingLedger {
  get(eventId: string): Promise<VersionedRecord | undefined>;
  /** Creates the record; undefined when a record for the event exists already. */
  create(record: PostingRecord): Promise<number | undefined>;
  /** Replaces the record if it is still at `revision`; undefined when someone changed it. */
  update(record: PostingRecord, revision: number): Promise<number | undefined>;
  /**
   * The posting that got this ERP document ("4900000123/2025", or the number alone), for the
   * trace. Not a hot path: a scan of the ledger.
   */
  findByDocument(document: string): Promise<PostingRecord | undefined>;
}

/** True when `document` names `stored`: the full key, or its number before the "/". */
export function documentMatches(stored: string, document: string): boolean {
  return stored === document || stored.split('/')[0] === document;
}
