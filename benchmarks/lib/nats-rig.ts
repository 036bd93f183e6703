// What every suite that talks NATS starts alike: one nats-server (JetStream, free loopback
// port), a nats.js connection from the suite's own process, and helper processes on that
// server (the echo peer, remote nodes). It stops what it started in reverse order, also after a
// set-up that failed half-way. It measures nothing: the suites do.
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from 'nats';
import { startBenchChild, type BenchChild, type BenchChildOptions } from './child-process.ts';
import { startNatsServer, type TestNatsServer } from './servers.ts';
import type { BenchProcess } from './suite.ts';

/** The peer process: echoes `bench.echo`, counts `bench.sub` (see nats-peer.child.ts). */
export const NATS_PEER_SCRIPT = fileURLToPath(new URL('./nats-peer.child.ts', import.meta.url));

type Stop = () => unknown;

export interface NatsRig {
  readonly server: TestNatsServer;
  readonly url: string;
  /** The suite process's own connection. */
  readonly nc: NatsConnection;
  /** nats-server as a helper process of a variant (its CPU counts with the variant's). */
  readonly serverProcess: BenchProcess;
  /** Starts a helper process with this server's URL as its first argument; stopped with the rig. */
  child(
    options: Omit<BenchChildOptions, 'args'> & { readonly args?: readonly string[] },
  ): Promise<BenchChild>;
  /** The echo peer (NATS_PEER_SCRIPT), started once and shared. */
  peer(): Promise<BenchChild>;
  /** Runs `stop` when the rig stops, before what was started earlier. */
  defer(stop: Stop): void;
  stop(): Promise<void>;
}

async function stopAll(stops: Stop[]): Promise<void> {
  const errors: unknown[] = [];
  for (const stop of stops.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'NATS rig: some parts did not stop');
}

/** `name` names the suite's connection in nats-server's monitoring (`bench-<name>`). */
export async function startNatsRig(name: string): Promise<NatsRig> {
  const stops: Stop[] = [];
  try {
    const server = await startNatsServer();
    stops.push(() => server.dispose());
    const nc = await connect({ servers: server.url, name: `bench-${name}` });
    stops.push(() => nc.close());
    let peer: Promise<BenchChild> | undefined;
    const rig: NatsRig = {
      server,
      url: server.url,
      nc,
      serverProcess: { name: 'nats-server', pid: server.process.pid ?? 0 },
      async child(options) {
        const child = await startBenchChild({
          ...options,
          args: [server.url, ...(options.args ?? [])],
        });
        stops.push(() => child.stop());
        return child;
      },
      peer() {
        peer ??= rig.child({ name: `${name} NATS peer`, script: NATS_PEER_SCRIPT });
        return peer;
      },
      defer(stop) {
        stops.push(stop);
      },
      stop: () => stopAll(stops),
    };
    return rig;
  } catch (error) {
    await stopAll(stops).catch(() => undefined);
    throw error;
  }
}

/** Runs `ops` calls through `inFlight` concurrent callers, each awaiting its reply (closed loop). */
export async function closedLoop(
  ops: number,
  inFlight: number,
  call: (index: number) => Promise<unknown>,
): Promise<void> {
  let begun = 0;
  const caller = async () => {
    while (begun < ops) {
      const index = begun;
      begun += 1;
      await call(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, ops) }, caller));
}
