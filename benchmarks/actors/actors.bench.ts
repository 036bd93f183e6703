// Actor runtime costs, each against a baseline in the same run:
// - in process: a bare call of the behaviour vs a minimal promise mailbox vs runtime tell/ask
//   (which add validation-free queueing, a commit to the in-memory store and effects);
// - over NATS: a remote ask of a work-center actor (routing + Moleculer + msgpackr) vs a raw
//   nats.js request/reply on the same server;
// - memory: RSS of 10,000 activated work-center actors (DESIGN.md target: < 300 MB).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ServiceBroker } from 'moleculer';
import { connect, type NatsConnection } from 'nats';
import {
  ActorRuntime,
  initialWorkCenterState,
  MemoryActorStore,
  parseActorKey,
  workCenterBehavior,
  workCenterKind,
  type ActorContext,
  type WorkCenterMessage,
  type WorkCenterState,
} from '../../actors/index.ts';
import { createBrokerOptions, loadConfig } from '../../services/platform/index.ts';
import { tellWorkCenter } from '../../services/workcenter/routing.ts';
import { workcenterHostService } from '../../services/workcenter.host.service.ts';
import {
  findBinary,
  startNatsServer,
  type TestNatsServer,
} from '../../test/support/servers/index.ts';
import type { BenchComparison, BenchContext, BenchCustomRow, BenchSuite } from '../lib/suite.ts';

const run = promisify(execFile);
const KEYS = Array.from({ length: 100 }, (_, i) => `P100/WC-${i}`);
const keyAt = (i: number): string => KEYS[i % KEYS.length] ?? 'P100/WC-0';
function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('benchmark variant ran before its setup');
  return value;
}
let seq = 0;
const input = (): WorkCenterMessage => ({
  kind: 'counts.reported',
  source: 'bench' as never,
  sourceSeq: ++seq,
  good: 1,
  scrap: 0,
  occurredAt: '2026-01-01T06:00:00.000Z',
});

function inProcess(): BenchComparison {
  const states = new Map<string, WorkCenterState>();
  const ctxFor = (key: string): ActorContext<WorkCenterMessage> => ({
    address: parseActorKey(key),
    sequence: 1,
    now: 0,
    emit: () => undefined,
    publish: () => undefined,
    schedule: () => undefined,
    offload: () => undefined,
    reply: () => undefined,
  });
  const call = (key: string) => {
    const state = states.get(key) ?? initialWorkCenterState('P100', key);
    states.set(key, workCenterBehavior(state, input(), ctxFor(key)));
  };
  // The least a mailbox must do: one promise chain per key, so one message at a time.
  const chains = new Map<string, Promise<void>>();
  let runtime: ActorRuntime<WorkCenterState, WorkCenterMessage> | undefined;
  const makeRuntime = () =>
    new ActorRuntime({
      kind: workCenterKind,
      store: new MemoryActorStore(),
      mailboxCapacity: 1_000_000,
    });
  return {
    name: 'in-process message to an actor',
    unit: 'message',
    opsPerRound: 20_000,
    params: { actors: KEYS.length },
    variants: [
      {
        name: 'bare function call',
        baseline: true,
        run(ops) {
          for (let i = 0; i < ops; i++) call(keyAt(i));
        },
      },
      {
        name: 'minimal promise mailbox',
        async run(ops) {
          for (let i = 0; i < ops; i++) {
            const key = keyAt(i);
            chains.set(
              key,
              (chains.get(key) ?? Promise.resolve()).then(() => {
                call(key);
              }),
            );
          }
          await Promise.all(chains.values());
        },
      },
      {
        name: 'runtime tell (commit to memory store)',
        setup: () => {
          runtime = makeRuntime();
        },
        async run(ops) {
          for (let i = 0; i < ops; i++) need(runtime).tell(keyAt(i), input());
          await Promise.all(
            KEYS.map((key) => need(runtime).ask(key, { kind: 'counts.requested' })),
          );
        },
        teardown: () => runtime?.stop(),
      },
      {
        name: 'runtime ask (awaits each commit)',
        setup: () => {
          runtime = makeRuntime();
        },
        async run(ops) {
          const pending: Promise<unknown>[] = [];
          for (let i = 0; i < ops; i++) pending.push(need(runtime).ask(keyAt(i), input()));
          await Promise.all(pending);
        },
        teardown: () => runtime?.stop(),
      },
    ],
  };
}

function overNats(ctx: BenchContext): BenchComparison | undefined {
  if (findBinary('nats-server') === undefined) {
    ctx.progress('nats-server not on PATH: remote ask comparison skipped');
    return undefined;
  }
  let server: TestNatsServer | undefined;
  let host: ServiceBroker | undefined;
  let caller: ServiceBroker | undefined;
  let responder: NatsConnection | undefined;
  let requester: NatsConnection | undefined;
  const payload = new TextEncoder().encode(JSON.stringify({ kind: 'counts.requested' }));
  return {
    name: 'remote ask over NATS (one request in flight)',
    unit: 'request',
    opsPerRound: 2_000,
    variants: [
      {
        name: 'raw nats.js request/reply',
        baseline: true,
        async setup() {
          ctx.progress('starting nats-server and two brokers...');
          server = await startNatsServer();
          responder = await connect({ servers: server.url });
          requester = await connect({ servers: server.url });
          responder.subscribe('bench.echo', { callback: (_err, msg) => msg.respond(msg.data) });
          await responder.flush();
          const options = (nodeId: string) =>
            createBrokerOptions(
              loadConfig({
                TRANSPORTER: need(server).url,
                MILLWRIGHT_NODE_ID: nodeId,
                MILLWRIGHT_METRICS_PORT: '0',
                LOG_LEVEL: 'error',
              }),
            );
          host = new ServiceBroker(options('bench-host'));
          host.createService(
            workcenterHostService(
              loadConfig({
                TRANSPORTER: server.url,
                MILLWRIGHT_NODE_ID: 'bench-host',
                MILLWRIGHT_METRICS_PORT: '0',
              }),
            ),
          );
          caller = new ServiceBroker(options('bench-caller'));
          await Promise.all([host.start(), caller.start()]);
          await caller.waitForServices('workcenter.host');
          await tellWorkCenter(caller, keyAt(0), input());
        },
        async run(ops) {
          for (let i = 0; i < ops; i++) await need(requester).request('bench.echo', payload);
        },
        async teardown() {
          await caller?.stop();
          await host?.stop();
          await responder?.close();
          await requester?.close();
          await server?.dispose();
        },
      },
      {
        name: 'work-center actor ask (counts.requested)',
        async run(ops) {
          for (let i = 0; i < ops; i++)
            await tellWorkCenter(need(caller), keyAt(0), { kind: 'counts.requested' });
        },
      },
    ],
  };
}

interface ProbeResult {
  active: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  activationMs: number;
}

/** Activates `count` actors in a fresh child process (store in memory) and reads its RSS. */
async function rssOfActors(count: number): Promise<BenchCustomRow[]> {
  const probe = join(import.meta.dirname, 'rss-probe.ts');
  const { stdout } = await run(process.execPath, [
    '--expose-gc',
    '--import',
    'tsx',
    probe,
    String(count),
  ]);
  const lines = stdout.trim().split('\n');
  const result = JSON.parse(lines[lines.length - 1] ?? '{}') as ProbeResult;
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return [
    { name: 'fresh process (runtime loaded, no actor)', metrics: { rssMb: mb(result.before.rss) } },
    {
      name: `${count} activated work-center actors`,
      baseline: 'fresh process (runtime loaded, no actor)',
      params: { actors: result.active, targetRssMb: 300 },
      metrics: {
        rssMb: mb(result.after.rss),
        heapUsedMb: mb(result.after.heapUsed),
        bytesPerActor: Math.round((result.after.rss - result.before.rss) / result.active),
        activationsPerSecond: Math.round(result.active / (result.activationMs / 1000)),
      },
    },
  ];
}

export const suite: BenchSuite = {
  name: 'actors',
  summary:
    'Actor runtime: in-process tell/ask vs a bare call, remote ask vs raw NATS, RSS of 10,000 actors',
  comparisons(ctx) {
    const remote = overNats(ctx);
    return remote === undefined ? [inProcess()] : [inProcess(), remote];
  },
  custom: () => rssOfActors(10_000),
  // What the figures depend on that is not a package version.
  flags: () => ({ actorStore: 'memory', serializer: 'msgpackr', transporter: 'nats' }),
};
