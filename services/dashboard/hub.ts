// Hands dashboard snapshots from the `dashboard` service to the gateway's SSE streams in the
// same process. Holds the latest snapshot for new subscribers; never blocks the publisher.
import type { DashboardSnapshot } from './snapshot.ts';

export type SnapshotListener = (snapshot: DashboardSnapshot) => void;

export class DashboardHub {
  #latest: DashboardSnapshot | undefined;
  readonly #listeners = new Set<SnapshotListener>();

  get latest(): DashboardSnapshot | undefined {
    return this.#latest;
  }

  get subscribers(): number {
    return this.#listeners.size;
  }

  publish(snapshot: DashboardSnapshot): void {
    this.#latest = snapshot;
    for (const listener of this.#listeners) listener(snapshot);
  }

  /** Calls `listener` with every snapshot from now on; returns the unsubscribe function. */
  subscribe(listener: SnapshotListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
