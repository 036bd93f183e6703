// Node processes and a driver broker for the actor integration tests: spawn a fixture node
// (`node --import tsx`), talk to it over IPC, kill -9 it; read the MW_BIZ stream back.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ServiceBroker } from 'moleculer';
import { connect } from 'nats';
import { BUSINESS_STREAM, type AnyBusinessEvent } from '../../../../contracts/index.ts';
import { createBrokerOptions, loadConfig } from '../../../../services/platform/index.ts';
import { hostNodes } from '../../../../services/workcenter/membership.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'actor-node.fixture.ts');

export class NodeProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  output = '';
  /** Embedded feed: last acknowledged round per key. */
  readonly acked = new Map<string, number>();
  #next = 1;
  #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(
    readonly nodeId: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, NODE_ID: nodeId, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code, signal) => {
        reject(new Error(`${nodeId} exited (${code ?? signal}) before ready:\n${this.output}`));
      });
      this.child.on(
        'message',
        (m: {
          ready?: boolean;
          id?: number;
          result?: unknown;
          error?: string;
          acked?: [string, number];
        }) => {
          if (m.ready === true) resolve();
          if (m.acked !== undefined) this.acked.set(m.acked[0], m.acked[1]);
          if (m.id === undefined) return;
          const waiter = this.#pending.get(m.id);
          this.#pending.delete(m.id);
          if (m.error !== undefined) waiter?.reject(new Error(m.error));
          else waiter?.resolve(m.result);
        },
      );
    });
    this.ready.catch(() => undefined);
  }

  request<T>(cmd: string, args?: unknown): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve, reject });
      this.child.send({ id, cmd, args });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no snapshot, no goodbye. */
  async kill(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

export function driverBroker(transporter: string, nodeId = 'driver'): ServiceBroker {
  const config = loadConfig({
    TRANSPORTER: transporter,
    MILLWRIGHT_NODE_ID: nodeId,
    MILLWRIGHT_METRICS_PORT: '0',
    // Requests to a killed node fail loudly at 'error'; the test counts its retries instead.
    LOG_LEVEL: 'fatal',
    MILLWRIGHT_REQUEST_TIMEOUT_MS: '3000',
  });
  return new ServiceBroker({
    ...createBrokerOptions(config),
    heartbeatInterval: 1,
    heartbeatTimeout: 3,
  });
}

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function waitForHosts(broker: ServiceBroker, nodes: readonly string[]): Promise<void> {
  const want = [...nodes].sort().join(',');
  return waitFor(`hosts ${want}`, () => hostNodes(broker).join(',') === want);
}

export interface LaneMessage {
  readonly event: AnyBusinessEvent;
  readonly msgId: string | undefined;
  readonly node: string | undefined;
  readonly seq: number;
}

/** Every message of MW_BIZ, in stream order. */
export async function readBusinessStream(url: string): Promise<LaneMessage[]> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(BUSINESS_STREAM);
    const out: LaneMessage[] = [];
    for (
      let seq = info.state.first_seq;
      seq <= info.state.last_seq && info.state.messages > 0;
      seq++
    ) {
      const m = await jsm.streams.getMessage(BUSINESS_STREAM, { seq });
      out.push({
        event: m.json<AnyBusinessEvent>(),
        msgId: m.header.get('Nats-Msg-Id'),
        node: m.header.get('Millwright-Node'),
        seq,
      });
    }
    return out;
  } finally {
    await nc.close();
  }
}
