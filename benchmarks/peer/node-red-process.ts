// Runs the checked-in Node-RED flow (node-red/flow.json) as a plant would deploy it: the
// node-red CLI in a process of its own, headless (no editor, nothing served), with its own
// userDir in a temp folder and the flow's broker, topic and URL in environment variables.
// Ready when its MQTT client says it is connected. Never writes into the repository.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BenchProcess } from '../lib/index.ts';

export const FLOW_FILE = join(import.meta.dirname, 'node-red', 'flow.json');
const RED_JS = join(
  dirname(createRequire(import.meta.url).resolve('node-red/package.json')),
  'red.js',
);

export interface NodeRedOptions {
  readonly mqttPort: number;
  readonly clientId: string;
  /** Subscription of the mqtt-in node, e.g. `nodered/acme/p100/+/+/counters`. */
  readonly topic: string;
  readonly postUrl: string;
  readonly windowMs: number;
  /** mqttReconnectTime: the same reconnect delay as the Millwright side's client. */
  readonly reconnectMs: number;
}

export interface NodeRedProcess extends BenchProcess {
  readonly version: string;
  /** The last lines Node-RED logged. */
  output(): string;
  stop(): Promise<void>;
}

/** settings.js for the temp userDir (CommonJS: no package.json above it says otherwise). */
function settings(options: NodeRedOptions): string {
  return `module.exports = ${JSON.stringify(
    {
      flowFile: 'flow.json',
      credentialSecret: false,
      httpAdminRoot: false,
      httpNodeRoot: false,
      mqttReconnectTime: options.reconnectMs,
      logging: { console: { level: 'info', metrics: false, audit: false } },
      diagnostics: { enabled: false, ui: false },
      runtimeState: { enabled: false, ui: false },
      telemetry: { enabled: false, updateNotification: false },
      functionExternalModules: false,
      editorTheme: { projects: { enabled: false } },
    },
    null,
    2,
  )};\n`;
}

export async function startNodeRed(options: NodeRedOptions): Promise<NodeRedProcess> {
  const userDir = mkdtempSync(join(tmpdir(), 'mw-node-red-'));
  copyFileSync(FLOW_FILE, join(userDir, 'flow.json'));
  writeFileSync(join(userDir, 'settings.js'), settings(options));
  const child = spawn(
    process.execPath,
    [RED_JS, '--userDir', userDir, '--settings', join(userDir, 'settings.js')],
    {
      cwd: userDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_RED_DISABLE_TELEMETRY: '1',
        MW_PEER_MQTT_HOST: '127.0.0.1',
        MW_PEER_MQTT_PORT: String(options.mqttPort),
        MW_PEER_CLIENT_ID: options.clientId,
        MW_PEER_TOPIC: options.topic,
        MW_PEER_WINDOW_MS: String(options.windowMs),
        MW_PEER_POST_URL: options.postUrl,
      },
    },
  );
  let log = '';
  let version = 'unknown';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-16_000);
      version = /Node-RED version: v(\S+)/.exec(log)?.[1] ?? version;
      if (/Connected to broker/.test(log)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`node-red exited (${code}) before it connected:\n${log}`));
    });
    setTimeout(() => {
      reject(new Error(`node-red did not connect to the broker within 60 s:\n${log}`));
    }, 60_000).unref();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(userDir, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(userDir, { recursive: true, force: true });
    throw error;
  }
  return {
    name: 'node-red',
    pid: child.pid ?? 0,
    version,
    output: () => log,
    stop,
  };
}
