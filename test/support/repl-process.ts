// `millwright repl` as a child process driven through its stdin, the way an operator's
// terminal feeds it: type a line, wait until the output after it matches. Output is kept for
// failure messages and transcripts; the process is always killed at the end.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { REPO_ROOT } from './child-node.ts';
import { waitFor } from './wait-for.ts';

export interface ReplProcess {
  readonly process: ChildProcessWithoutNullStreams;
  output(): string;
  /** Lines typed and what each printed, prompts removed. */
  transcript(): string;
  /** Types `line` and resolves with what it printed once `until` matches it. */
  type(line: string, until: RegExp, timeoutMs?: number): Promise<string>;
  exited(): Promise<number | string>;
  kill(): Promise<void>;
}

export async function spawnRepl(
  args: readonly string[],
  env: Record<string, string>,
  prompt: string,
): Promise<ReplProcess> {
  const child = spawn(process.execPath, ['bin/millwright.js', 'repl', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let transcript = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? -1);
    });
  });
  await waitFor(`the REPL prompt "${prompt}"\n${output}`, () => output.includes(prompt), 60_000);
  return {
    process: child,
    output: () => output,
    transcript: () => transcript,
    async type(line, until, timeoutMs = 20_000) {
      const from = output.length;
      child.stdin.write(`${line}\n`);
      await waitFor(
        `"${line}" to print ${String(until)}; it printed:\n${output.slice(from)}`,
        () => until.test(output.slice(from)),
        timeoutMs,
      );
      // The rest of the answer (a table is written in one piece, a JSON reply in a few).
      await new Promise((resolve) => setTimeout(resolve, 200));
      const printed = output.slice(from);
      transcript += `${prompt} ${line}\n${printed.replaceAll(`${prompt} `, '').trimEnd()}\n`;
      return printed;
    },
    exited: () => exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
