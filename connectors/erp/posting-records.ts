// How posting records change: a claim (pending, one more attempt, this instance) and the
// settlement (posted with documents, or rejected with the error). Ledger failures become
// MW_LANE_UNAVAILABLE: the ledger lives on the lane's store and the posting is retried.
import { MillwrightError, type AnyBusinessEvent } from '../../contracts/index.ts';
import type { ErpRequest } from './erp-profile.ts';
import type { PostingRecord, PostingState } from './posting-ledger.ts';

export function claimRecord(
  event: AnyBusinessEvent,
  request: ErpRequest,
  previous: PostingRecord | undefined,
  owner: string,
  options: { replay?: boolean },
): PostingRecord {
  const now = new Date();
  const replayed = options.replay === true && previous?.state === 'rejected' ? 1 : 0;
  return {
    eventId: event.eventId,
    type: event.type,
    correlationId: event.correlationId,
    reference: request.reference,
    state: 'pending',
    attempts: (previous?.attempts ?? 0) + 1,
    owner,
    claimedAt: now.getTime(),
    firstSentAt: previous?.firstSentAt ?? now.toUTCString(),
    documents: [],
    replays: (previous?.replays ?? 0) + replayed,
    updatedAt: now.toISOString(),
  };
}

export interface Settlement {
  readonly state: Exclude<PostingState, 'pending'>;
  readonly documents?: readonly string[];
  readonly error?: MillwrightError;
}

export function settledRecord(claim: PostingRecord, change: Settlement): PostingRecord {
  const { error: _previousError, ...rest } = claim;
  const base = {
    ...rest,
    state: change.state,
    documents: change.documents ?? [],
    updatedAt: new Date().toISOString(),
  };
  if (change.error === undefined) return base;
  const data = JSON.parse(JSON.stringify({ data: change.error.data })) as { data?: unknown };
  return {
    ...base,
    error: {
      code: change.error.type,
      message: change.error.message,
      retryable: change.error.retryable,
      ...(data.data === undefined ? {} : { data: data.data }),
    },
  };
}

export async function ledgerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof MillwrightError) throw cause;
    throw new MillwrightError(
      'MW_LANE_UNAVAILABLE',
      'the posting ledger did not answer',
      undefined,
      { cause },
    );
  }
}
