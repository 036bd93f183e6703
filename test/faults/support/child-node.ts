// Starts and kills a connector node process (tsx, like bin/millwright.js) for fault tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, 'connector-node.ts');

export class ChildNode {
  readonly #env: NodeJS.ProcessEnv;
  #child: ChildProcess | undefined;
  #output = '';

  constructor(env: Readonly<Record<string, string>>) {
    this.#env = { ...process.env, ...env };
  }

  get output(): string {
    return this.#output.slice(-4_000);
  }

  start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      env: this.#env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    return new Promise((resolve, reject) => {
      const keep = (chunk: Buffer) => {
        this.#output += chunk.toString();
        if (this.#output.includes('connector node ready')) resolve();
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.once('exit', (code) => {
        reject(new Error(`connector node exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** SIGKILL: no stop hook, no flush, no goodbye. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.removeAllListeners('exit');
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    child.kill('SIGTERM');
    await exited;
  }
}
