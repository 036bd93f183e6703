// Bounded waiting for the demo: polls a condition until it holds, the demo is stopped, or the
// deadline passes (then it fails naming what it waited for and what it saw last).
export class DemoStopped extends Error {
  constructor() {
    super('the plant demo was stopped');
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export async function until(
  what: string,
  condition: () => Promise<boolean> | boolean,
  options: {
    readonly deadline: number;
    readonly stopped: () => boolean;
    readonly intervalMs?: number;
    /** What was seen, for the failure message. */
    readonly seen?: () => string;
  },
): Promise<void> {
  for (;;) {
    if (options.stopped()) throw new DemoStopped();
    if (await condition()) return;
    if (Date.now() > options.deadline) {
      const seen = options.seen?.();
      throw new Error(
        `plant demo: timed out waiting for ${what}${seen === undefined ? '' : ` (${seen})`}`,
      );
    }
    await sleep(options.intervalMs ?? 100);
  }
}
