// The audit port of the connectors: operator actions (replay, discard) and quality decisions
// are appended to the node's hash-chained audit log (services/platform/audit-log.ts), which
// satisfies this interface. Connectors do not know how the log is kept.
export interface AuditTrailRecord {
  /** Who: an API key id, a JWT subject, "repl:<user>", "qms:<inspector>", "system". */
  readonly actor: string;
  /** What, e.g. "erp.connector.replay", "qms.decision". */
  readonly action: string;
  /** The object acted on. */
  readonly target: string;
  /** "ok", "posted", "failed: MW_...", "accepted", ... */
  readonly outcome: string;
  readonly correlationId?: string;
  readonly details?: unknown;
}

export interface AuditTrail {
  append(record: AuditTrailRecord): unknown;
}

/** Keeps records in memory: tests and tools that need no durable trail. */
export class MemoryAuditTrail implements AuditTrail {
  readonly #records: AuditTrailRecord[] = [];

  append(record: AuditTrailRecord): void {
    this.#records.push(record);
  }

  entries(): AuditTrailRecord[] {
    return [...this.#records];
  }
}
