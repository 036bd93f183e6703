// Scripted ERP misbehaviour for a time window, the failures a connector must survive:
// 500s (ERP down), hangs (no answer at all), commit-then-hang (the document exists but the
// answer never comes), slow answers before or after the commit.
export type FaultKind = 'error500' | 'hang' | 'commitThenHang' | 'slow' | 'slowAfterCommit';

export interface FaultSpec {
  readonly kind: FaultKind;
  /** Length of the window from now. */
  readonly forMs: number;
  /** For slow and slowAfterCommit. */
  readonly delayMs?: number;
  /** Which requests it hits; default: all for error500, hang and slow, writes for the others. */
  readonly scope?: 'all' | 'writes';
}

export const FAULT_KINDS: readonly FaultKind[] = [
  'error500',
  'hang',
  'commitThenHang',
  'slow',
  'slowAfterCommit',
];

interface ActiveFault extends FaultSpec {
  readonly until: number;
}

export class FaultScript {
  #faults: ActiveFault[] = [];

  add(spec: FaultSpec, now = Date.now()): void {
    if (!FAULT_KINDS.includes(spec.kind)) throw new RangeError(`unknown fault kind ${spec.kind}`);
    if (!(spec.forMs > 0)) throw new RangeError('forMs must be a positive number');
    this.#faults.push({ ...spec, until: now + spec.forMs });
  }

  clear(): void {
    this.#faults = [];
  }

  /** The fault that applies to a request now, the most recently added first. */
  active(isWrite: boolean, now = Date.now()): FaultSpec | undefined {
    this.#faults = this.#faults.filter((f) => f.until > now);
    for (let i = this.#faults.length - 1; i >= 0; i -= 1) {
      const fault = this.#faults[i];
      if (fault === undefined) continue;
      const scope =
        fault.scope ??
        (fault.kind === 'commitThenHang' || fault.kind === 'slowAfterCommit' ? 'writes' : 'all');
      if (scope === 'all' || isWrite) return fault;
    }
    return undefined;
  }
}
