// Exactly-once posting of one business event (DESIGN.md guarantee 2): claim the event in the
// posting ledger before ERP is called, send the event id as Repeatability-Request-ID, read back
// by reference before any call whose predecessor's outcome is unknown, and record the ERP
// document numbers. Duplicates (the ledger says posted) are answered without calling ERP.
import { isErrorCode, MillwrightError, type AnyBusinessEvent } from '../../contracts/index.ts';
import type { ConnectorLogger } from '../logger.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import type { ConnectorMetrics } from './connector-metrics.ts';
import { erpCall, type ErpEndpoint } from './erp-http.ts';
import type { ErpOutcome, ErpProfile, ErpRequest } from './erp-profile.ts';
import type { PostingLedger, PostingRecord, VersionedRecord } from './posting-ledger.ts';
import { claimRecord, ledgerCall, settledRecord } from './posting-records.ts';

export interface PosterDependencies {
  readonly profile: ErpProfile;
  readonly endpoint: ErpEndpoint;
  readonly ledger: PostingLedger;
  readonly breaker: CircuitBreaker;
  readonly metrics: ConnectorMetrics;
  readonly logger: ConnectorLogger;
  /** This connector process, as named in the ledger's claims. */
  readonly instanceId: string;
  /** A claim older than this belongs to an instance that died mid-posting. */
  readonly claimLeaseMs: number;
}

export interface PostResult {
  readonly eventId: string;
  /** posted: a new document; duplicate: posted before; recovered: found by read-back. */
  readonly outcome: 'posted' | 'duplicate' | 'recovered';
  readonly documents: readonly string[];
}

function busy(eventId: string, owner: string): MillwrightError {
  return new MillwrightError(
    'MW_ERP_POSTING_BUSY',
    `event ${eventId} is being posted by ${owner}`,
    {
      eventId,
      owner,
    },
  );
}

export class ErpPoster {
  readonly #deps: PosterDependencies;
  readonly #inFlight = new Set<string>();

  constructor(deps: PosterDependencies) {
    this.#deps = deps;
  }

  async post(event: AnyBusinessEvent, options: { replay?: boolean } = {}): Promise<PostResult> {
    const request = this.#deps.profile.toRequest(event);
    const existing = await ledgerCall(() => this.#deps.ledger.get(event.eventId));
    const settled = this.#alreadySettled(existing, options.replay === true);
    if (settled !== undefined) return settled;
    if (this.#inFlight.has(event.eventId)) throw busy(event.eventId, this.#deps.instanceId);
    const record = claimRecord(event, request, existing?.record, this.#deps.instanceId, options);
    const revision = await ledgerCall(() =>
      existing === undefined
        ? this.#deps.ledger.create(record)
        : this.#deps.ledger.update(record, existing.revision),
    );
    if (revision === undefined) throw busy(event.eventId, 'another instance');
    this.#inFlight.add(event.eventId);
    try {
      const outcomeUnknown = existing?.record.state === 'pending';
      return await this.#postClaimed(request, { record, revision }, outcomeUnknown);
    } finally {
      this.#inFlight.delete(event.eventId);
    }
  }

  #alreadySettled(existing: VersionedRecord | undefined, replay: boolean): PostResult | undefined {
    if (existing === undefined) return undefined;
    const { record } = existing;
    if (record.state === 'posted') {
      this.#deps.metrics.increment('duplicates', { type: record.type });
      return { eventId: record.eventId, outcome: 'duplicate', documents: record.documents };
    }
    if (record.state === 'rejected' && !replay && record.error?.retryable === false) {
      // Redelivered after a permanent rejection (its dead letter was not confirmed): same answer.
      const code = isErrorCode(record.error.code) ? record.error.code : 'MW_ERP_REJECTED';
      throw new MillwrightError(code, record.error.message, record.error.data);
    }
    const age = Date.now() - record.claimedAt;
    if (
      record.state === 'pending' &&
      record.owner !== this.#deps.instanceId &&
      age < this.#deps.claimLeaseMs
    )
      throw busy(record.eventId, record.owner);
    return undefined;
  }

  async #postClaimed(
    request: ErpRequest,
    claim: VersionedRecord,
    outcomeUnknown: boolean,
  ): Promise<PostResult> {
    const { eventId, type } = claim.record;
    if (outcomeUnknown) {
      this.#deps.metrics.increment('readBacks', { type });
      const found = await this.#readBack(request);
      if (found.length > 0) {
        await this.#settle(claim, { state: 'posted', documents: found });
        this.#deps.metrics.increment('recovered', { type });
        this.#deps.logger.info({ eventId, documents: found }, 'read-back found the posting');
        return { eventId, outcome: 'recovered', documents: found };
      }
    }
    const outcome = await this.#call(request, claim.record);
    if (outcome.kind === 'unknown') throw outcome.error; // stays pending: read back next time
    if (outcome.kind === 'rejected') {
      await this.#settle(claim, { state: 'rejected', error: outcome.error });
      throw outcome.error;
    }
    await this.#settle(claim, { state: 'posted', documents: outcome.documents });
    this.#deps.metrics.increment('posted', { type });
    return { eventId, outcome: 'posted', documents: outcome.documents };
  }

  async #call(request: ErpRequest, record: PostingRecord): Promise<ErpOutcome> {
    const { breaker, endpoint, profile } = this.#deps;
    breaker.admit();
    let response;
    try {
      response = await erpCall(endpoint, request.method, request.path, request.body, {
        'Repeatability-Request-ID': record.eventId,
        'Repeatability-First-Sent': record.firstSentAt,
      });
    } catch (error) {
      breaker.failure();
      return { kind: 'unknown', error: error as MillwrightError };
    }
    const outcome = profile.interpret(request, response.status, response.body);
    const erpIsSick = outcome.kind !== 'posted' && outcome.error.type === 'MW_ERP_UNAVAILABLE';
    if (erpIsSick) breaker.failure();
    else breaker.success();
    return outcome;
  }

  async #readBack(request: ErpRequest): Promise<readonly string[]> {
    const { breaker, endpoint, profile } = this.#deps;
    const query = profile.readBack(request);
    breaker.admit();
    let response;
    try {
      response = await erpCall(endpoint, query.method, query.path, undefined);
    } catch (error) {
      breaker.failure();
      throw error;
    }
    const documents = profile.readBackDocuments(response.status, response.body);
    if ('kind' in documents) {
      if (documents.kind === 'posted') return documents.documents;
      if (documents.error.type === 'MW_ERP_UNAVAILABLE') breaker.failure();
      else breaker.success();
      throw documents.error;
    }
    breaker.success();
    return documents;
  }

  async #settle(
    claim: VersionedRecord,
    change: Parameters<typeof settledRecord>[1],
  ): Promise<void> {
    const next = settledRecord(claim.record, change);
    const revision = await ledgerCall(() => this.#deps.ledger.update(next, claim.revision));
    if (revision === undefined) {
      // Our claim outlived its lease and another instance took over; it will read back.
      this.#deps.logger.warn(
        { eventId: claim.record.eventId, state: next.state },
        'posting ledger changed under a claim; the other claimant reads back',
      );
    }
  }
}
