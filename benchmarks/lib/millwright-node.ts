// A Millwright node as the suites run it: `bin/millwright.js node --services <groups>` in a
// process of its own on the suite's NATS, exactly as an ops team starts one, awaited until it
// prints that it started. Its resident memory is read from /proc. It drives no load.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchProcess } from './suite.ts';

const CLI = fileURLToPath(new URL('../../bin/millwright.js', import.meta.url));

export interface MillwrightNodeOptions {
  readonly nodeId: string;
  readonly transporter: string;
  /** Service groups, e.g. ['actors']. */
  readonly services: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
}

export interface MillwrightNode extends BenchProcess {
  readonly nodeId: string;
  /** From spawn to "started" (process start, module loading, NATS connect, services started). */
  readonly startMs: number;
  /** Resident set size now, in bytes (undefined once the process is gone). */
  rssBytes(): number | undefined;
  output(): string;
  /** SIGTERM (a graceful stop: actors snapshot and leave), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** VmRSS of any process from /proc/<pid>/status (Linux), in bytes. */
export function processRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

export async function startMillwrightNode(options: MillwrightNodeOptions): Promise<MillwrightNode> {
  const dataDir = mkdtempSync(join(tmpdir(), `mw-bench-${options.nodeId}-`));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      CLI,
      'node',
      '--services',
      options.services.join(','),
      '--transporter',
      options.transporter,
      '--node-id',
      options.nodeId,
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      '--metrics-port',
      '0',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // No /health probe port: several nodes share this machine (the CLI's default is fixed).
      env: { ...process.env, MILLWRIGHT_PROBE_PORT: '0', ...options.env },
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-16_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const cleanUp = () => {
    rmSync(dataDir, { recursive: true, force: true });
  };
  const banner = `node "${options.nodeId}" started`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!output.includes(banner)) {
    if (gone() || Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      cleanUp();
      throw new Error(`node ${options.nodeId} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const pid = child.pid ?? 0;
  return {
    name: options.nodeId,
    nodeId: options.nodeId,
    pid,
    startMs: performance.now() - started,
    rssBytes: () => (gone() ? undefined : processRssBytes(pid)),
    output: () => output,
    async stop(graceMs = 15_000) {
      if (!gone()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      cleanUp();
    },
  };
}
