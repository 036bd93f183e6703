// A deterministic machine: from a seed, each cycle makes a good or a scrap part, or stands
// still in a downtime with a PLC reason code, while its temperature drifts. Pure: the same
// seed gives the same history, which is what makes it an oracle.
export interface MachineSnapshot {
  readonly good: number;
  readonly scrap: number;
  /** PLC state code: 1 running, 4 unplanned down (see the plc-states crosswalk of P100). */
  readonly state: number;
  /** PLC reason code of the current or last downtime (plc-reasons crosswalk). */
  readonly reason: number;
  /** Degrees Fahrenheit, as the simulated PLC reports it. */
  readonly temperatureF: number;
  readonly pressureBar: number;
}

const REASONS = [17, 42, 51, 99] as const;

/** mulberry32: a small, fast, seedable PRNG; plenty for simulation, not for security. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class MachineModel {
  readonly #random: () => number;
  #snapshot: MachineSnapshot = {
    good: 0,
    scrap: 0,
    state: 1,
    reason: 0,
    temperatureF: 150,
    pressureBar: 2,
  };
  #downFor = 0;

  constructor(seed: number) {
    this.#random = prng(seed);
  }

  get snapshot(): MachineSnapshot {
    return this.#snapshot;
  }

  /** One cycle; returns the new snapshot. */
  step(): MachineSnapshot {
    const r = this.#random();
    const s = this.#snapshot;
    const temperatureF = Math.round((s.temperatureF + (this.#random() - 0.5) * 4) * 10) / 10;
    const pressureBar = Math.round((2 + this.#random()) * 100) / 100;
    if (this.#downFor > 0) {
      this.#downFor -= 1;
      this.#snapshot = { ...s, state: this.#downFor === 0 ? 1 : 4, temperatureF, pressureBar };
    } else if (r < 0.03) {
      this.#downFor = 3;
      const reason = REASONS[Math.floor(this.#random() * REASONS.length)] ?? 17;
      this.#snapshot = { ...s, state: 4, reason, temperatureF, pressureBar };
    } else if (r < 0.1) {
      this.#snapshot = { ...s, scrap: s.scrap + 1, temperatureF, pressureBar };
    } else {
      this.#snapshot = { ...s, good: s.good + 1, temperatureF, pressureBar };
    }
    return this.#snapshot;
  }
}
