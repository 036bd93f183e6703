// A server child process that a test owns: started, stopped (SIGTERM), killed (SIGKILL) and
// restarted on the same port and data folder, so fault tests can take it away and bring it back.
import { spawn, type ChildProcess } from 'node:child_process';
import { waitForPort } from './free-port.ts';

export interface ManagedProcessOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly port: number;
  readonly name: string;
}

export class ManagedProcess {
  #child: ChildProcess | undefined;
  #output = '';
  readonly options: ManagedProcessOptions;

  constructor(options: ManagedProcessOptions) {
    this.options = options;
  }

  get running(): boolean {
    return (
      this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null
    );
  }

  /** Process id while running (benchmarks read its CPU time from /proc). */
  get pid(): number | undefined {
    return this.running ? this.#child?.pid : undefined;
  }

  /** The last lines the server printed, for failure messages. */
  get output(): string {
    return this.#output.slice(-4_000);
  }

  async start(): Promise<void> {
    if (this.running) return;
    const child = spawn(this.options.command, [...this.options.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString()).slice(-16_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code) => {
        reject(
          new Error(`${this.options.name} exited with ${code} before it listened:\n${this.output}`),
        );
      });
    });
    await Promise.race([waitForPort(this.options.port), exited]);
    child.removeAllListeners('exit');
  }

  /** Graceful stop (SIGTERM), waiting for the process to exit. */
  stop(): Promise<void> {
    return this.#signal('SIGTERM');
  }

  /** kill -9: the server gets no chance to flush or say goodbye. */
  kill(): Promise<void> {
    return this.#signal('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async #signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    if (child === undefined || !this.running) return;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    child.kill(signal);
    await exited;
  }
}
