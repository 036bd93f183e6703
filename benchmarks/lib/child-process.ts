// A helper process for a suite (a subscriber, a remote Moleculer node): a TypeScript script
// run with `node --import tsx`, talking to the suite over the IPC channel. It reports
// {type: 'ready'} when it can take load, and exits when the suite's process goes away.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { BenchProcess } from './suite.ts';

export interface BenchChildOptions {
  readonly name: string;
  /** Absolute path of the script (`fileURLToPath(new URL('./x.child.ts', import.meta.url))`). */
  readonly script: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
}

export interface BenchChild extends BenchProcess {
  /** What the child sent with {type: 'ready'}. */
  readonly ready: Readonly<Record<string, unknown>>;
  send(message: object): void;
  /** The next message of this type from the child. */
  next(type: string, timeoutMs?: number): Promise<Readonly<Record<string, unknown>>>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

type Message = Readonly<Record<string, unknown>> & { readonly type?: unknown };

export async function startBenchChild(options: BenchChildOptions): Promise<BenchChild> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', options.script, ...(options.args ?? [])],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...options.env },
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const failed = (why: string) =>
    new Error(`${options.name} (pid ${child.pid}) ${why}:\n${output}`);

  const next = (type: string, timeoutMs = 30_000) =>
    new Promise<Message>((resolve, reject) => {
      const onMessage = (message: Message) => {
        if (message.type !== type) return;
        cleanup();
        resolve(message);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(failed(`exited (${code}) while the suite waited for "${type}"`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(failed(`sent no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });

  let ready: Message;
  try {
    ready = await next('ready', options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const pid = child.pid ?? 0;
  return {
    name: options.name,
    pid,
    ready,
    send(message) {
      child.send(message);
    },
    next,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** In the child: say ready, and exit when the parent goes away (no orphans after a crash). */
export function readyForParent(data: Readonly<Record<string, unknown>> = {}): void {
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ...data, type: 'ready' });
}
