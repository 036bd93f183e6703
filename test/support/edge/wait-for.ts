// Bounded polling for integration tests: resolves when `condition` holds, fails after
// timeoutMs with the description, never loops forever.
export async function waitFor(
  condition: () => boolean,
  description: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
