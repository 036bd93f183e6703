// A Mosquitto broker that a test owns, on a free loopback port with persistence in a temp
// folder (so a restart keeps QoS 1 sessions, as in production). Plain and anonymous on
// loopback only: the security tests start their own TLS + password listener.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from './binaries.ts';
import { freePort } from './free-port.ts';
import { ManagedProcess } from './managed-process.ts';

export interface TestMosquitto {
  readonly url: string;
  readonly port: number;
  readonly process: ManagedProcess;
  readonly dir: string;
  dispose(): Promise<void>;
}

export async function startMosquitto(extraConfig: readonly string[] = []): Promise<TestMosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mw-mosquitto-'));
  const configFile = join(dir, 'mosquitto.conf');
  writeFileSync(
    configFile,
    [
      `listener ${port} 127.0.0.1`,
      // Run as whoever runs the test: as root, mosquitto would otherwise drop to its own user
      // and could not write its persistence file into our temp folder (sessions lost on restart).
      `user ${userInfo().username}`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'log_dest stderr',
      ...extraConfig,
      '',
    ].join('\n'),
  );
  const broker = new ManagedProcess({
    name: 'mosquitto',
    command: requireBinary('mosquitto'),
    args: ['-c', configFile],
    port,
  });
  await broker.start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    process: broker,
    dir,
    async dispose() {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
