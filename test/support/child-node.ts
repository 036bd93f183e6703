// Child processes for cross-process tests: a TypeScript entry run through tsx, its output kept
// for failure messages, awaited until it prints a line, and always killed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../..');

export interface ChildNode {
  readonly process: ChildProcess;
  output(): string;
  /** Resolves when the output contains `text`; rejects if the child exits or time runs out. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal name) when the child exits by itself. */
  exited(): Promise<number | string>;
  /** Sends the signal and resolves with the exit code (or signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export function spawnNode(
  args: readonly string[],
  env: Record<string, string>,
  tsx = true,
): ChildNode {
  const child = spawn(process.execPath, [...(tsx ? ['--import', 'tsx'] : []), ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      MILLWRIGHT_METRICS_PORT: '0',
      // Probes off unless a test asks: parallel nodes must not fight over port 3031.
      MILLWRIGHT_PROBE_PORT: '0',
      // Any free port: child nodes running the gateway must not clash with each other.
      MILLWRIGHT_GATEWAY_PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? -1);
    });
  });
  return {
    process: child,
    output: () => output,
    async waitFor(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (child.exitCode !== null) throw new Error(`child exited before "${text}":\n${output}`);
        if (Date.now() > deadline)
          throw new Error(`no "${text}" after ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited: () => exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
