// Counters and gauges of one edge component (connection state, samples, frames, reconnects,
// stalls, rebirths, rejections by MW_* code). Plain numbers in a map: the hosting service
// exports them (Moleculer metrics, Prometheus); edge/ does not know how.
export class EdgeMetrics {
  readonly #counters = new Map<string, number>();
  readonly #gauges = new Map<string, number | string>();

  increment(name: string, by = 1): void {
    this.#counters.set(name, (this.#counters.get(name) ?? 0) + by);
  }

  set(name: string, value: number | string): void {
    this.#gauges.set(name, value);
  }

  count(name: string): number {
    return this.#counters.get(name) ?? 0;
  }

  gauge(name: string): number | string | undefined {
    return this.#gauges.get(name);
  }

  snapshot(): Record<string, number | string> {
    return Object.fromEntries([...this.#counters, ...this.#gauges]);
  }
}
