// A nats-server with JetStream that a test owns, on a free loopback port with its own data
// folder. With NATS_URL set, `natsUrl()` hands that out instead for tests that only need *a*
// server; tests that stop or kill the server always start their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from './binaries.ts';
import { freePort } from './free-port.ts';
import { ManagedProcess } from './managed-process.ts';

export interface TestNatsServer {
  readonly url: string;
  readonly port: number;
  readonly process: ManagedProcess;
  /** Stops the server and removes its data folder. */
  dispose(): Promise<void>;
}

export async function startNatsServer(extraArgs: readonly string[] = []): Promise<TestNatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'mw-nats-'));
  const server = new ManagedProcess({
    name: 'nats-server',
    command: requireBinary('nats-server'),
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...extraArgs],
    port,
  });
  await server.start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    process: server,
    async dispose() {
      await server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
