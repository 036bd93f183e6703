// A work center's machine-state timeline built from state *changes*: each change ends the
// previous state, so intervals can neither overlap nor run backwards (by construction, not by
// checking). Out-of-order changes are refused rather than silently reordered.
export type MachineState = 'running' | 'idle' | 'down' | 'planned-stop';

export interface StateChange {
  readonly atMs: number;
  readonly state: MachineState;
  readonly reason?: string;
}

export interface StateInterval {
  readonly startMs: number;
  readonly endMs: number;
  readonly state: MachineState;
  readonly reason?: string;
}

export class StateTimeline {
  readonly #changes: StateChange[] = [];

  /** Appends a change; a change earlier than the last one is refused (RangeError). */
  record(change: StateChange): void {
    const last = this.#changes.at(-1);
    if (!Number.isFinite(change.atMs))
      throw new RangeError(`state change time must be finite, got ${change.atMs}`);
    if (last !== undefined && change.atMs < last.atMs) {
      throw new RangeError(
        `state change at ${change.atMs} is before the previous one at ${last.atMs}`,
      );
    }
    this.#changes.push(change);
  }

  /** The intervals clipped to [fromMs, toMs); the last state lasts until toMs. */
  intervals(fromMs: number, toMs: number): StateInterval[] {
    const result: StateInterval[] = [];
    this.#changes.forEach((change, i) => {
      const next = this.#changes[i + 1];
      const startMs = Math.max(change.atMs, fromMs);
      const endMs = Math.min(next?.atMs ?? toMs, toMs);
      if (endMs > startMs) {
        result.push(
          change.reason === undefined
            ? { startMs, endMs, state: change.state }
            : { startMs, endMs, state: change.state, reason: change.reason },
        );
      }
    });
    return result;
  }
}
