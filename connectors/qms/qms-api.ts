// The QMS REST API Millwright speaks (its "QMS profile"), shared by the client and the
// simulator: inspection lots created with an Idempotency-Key, usage decisions read as a feed
// ordered by a decision sequence number, so a poller resumes from its cursor.
export const QMS_BASE = '/qms/v1';
export const INSPECTION_LOTS = `${QMS_BASE}/inspection-lots`;
export const USAGE_DECISIONS = `${QMS_BASE}/usage-decisions`;
export const IDEMPOTENCY_KEY = 'idempotency-key';
export const IDEMPOTENT_REPLAYED = 'idempotent-replayed';

/** POST /qms/v1/inspection-lots. */
export interface InspectionLotCreate {
  readonly plant: string;
  readonly material: string;
  readonly batch: string;
  readonly quantity: number;
  readonly unit: string;
  readonly order?: string;
  readonly workCenter: string;
  readonly instruction: string;
  readonly reason: string;
}

export type InspectionLotStatus = 'open' | 'accepted' | 'rejected';

export interface InspectionLot extends InspectionLotCreate {
  /** The QMS's own number, e.g. "890000000001". */
  readonly inspectionLot: string;
  readonly status: InspectionLotStatus;
  readonly createdAt: string;
}

/** POST /qms/v1/inspection-lots/:lot/usage-decision. */
export interface UsageDecisionCreate {
  readonly decision: 'accept' | 'reject';
  /** For a rejection: blocked stock (default) or scrap. */
  readonly disposition?: 'blocked' | 'scrap' | undefined;
  readonly reason?: string | undefined;
  readonly decidedBy?: string | undefined;
}

export interface UsageDecision {
  /** Feed position: strictly increasing, never reused. */
  readonly seq: number;
  readonly inspectionLot: string;
  readonly decision: 'accepted' | 'rejected';
  readonly disposition: 'blocked' | 'scrap' | null;
  readonly reason: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

/** GET /qms/v1/usage-decisions?after=<seq>&limit=<n>, oldest first. */
export interface UsageDecisionPage {
  readonly results: readonly UsageDecision[];
  /** The highest seq in `results`, or `after` when empty. */
  readonly last: number;
}

/** Error answers: `{ error: { code, message } }` with a 4xx or 5xx status. */
export interface QmsErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}
