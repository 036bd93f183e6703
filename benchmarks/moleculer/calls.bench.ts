// What Moleculer costs on top of the transport: a local call, and a remote call over NATS to a
// node in another process with JSON and with our msgpackr serializer, each against a raw
// nats.js request/reply of the same JSON bytes to the same process (the baseline).
import { fileURLToPath } from 'node:url';
import { ServiceBroker } from 'moleculer';
import {
  closedLoop,
  openLoop,
  openLoopMetrics,
  startNatsRig,
  type BenchChild,
  type BenchComparison,
  type BenchContext,
  type BenchCustomRow,
  type BenchProcess,
  type BenchSuite,
  type NatsRig,
} from '../lib/index.ts';
import { brokerOptions, CALL_PARAMS } from './brokers.ts';

const IN_FLIGHT = [
  { inFlight: 1, opsPerRound: 3_000 },
  { inFlight: 64, opsPerRound: 10_000 },
] as const;
const RATES_HZ = [500, 1_000, 2_000] as const;
const REQUEST = new TextEncoder().encode(JSON.stringify(CALL_PARAMS));

interface Calls {
  rig: NatsRig;
  remote: BenchChild;
  json: ServiceBroker;
  msgpackr: ServiceBroker;
}

let state: Calls | undefined;
let rig: NatsRig | undefined;

function live(): Calls {
  if (state === undefined) throw new Error('moleculer suite used before setup');
  return state;
}

function helpers(): readonly BenchProcess[] {
  const { rig, remote } = live();
  return [rig.serverProcess, { name: 'remote node', pid: remote.pid }];
}

type Call = () => Promise<unknown>;

const calls: Record<'raw' | 'local' | 'json' | 'msgpackr', Call> = {
  raw: () => live().rig.nc.request('bench.echo', REQUEST, { timeout: 10_000 }),
  local: () => live().msgpackr.call('local.echo', CALL_PARAMS),
  json: () => live().json.call('remote.echo', CALL_PARAMS),
  msgpackr: () => live().msgpackr.call('remote.echo', CALL_PARAMS),
};

function comparisons(): BenchComparison[] {
  return IN_FLIGHT.map(({ inFlight, opsPerRound }) => ({
    name: 'call',
    unit: 'call',
    opsPerRound,
    params: { inFlight },
    variants: [
      { name: 'nats.js request/reply', baseline: true, call: calls.raw },
      { name: 'Moleculer local call', call: calls.local },
      { name: 'Moleculer remote call, JSON', call: calls.json },
      { name: 'Moleculer remote call, msgpackr', call: calls.msgpackr },
    ].map(({ call, ...variant }) => ({
      ...variant,
      run: (ops: number) => closedLoop(ops, inFlight, call),
      // A local call never leaves this process: no helper does any of its work.
      processes: call === calls.local ? () => [] : helpers,
    })),
  }));
}

async function latencyRows(ctx: BenchContext): Promise<BenchCustomRow[]> {
  const rows: BenchCustomRow[] = [];
  const contenders = [
    { name: 'nats.js request/reply', call: calls.raw },
    { name: 'Moleculer remote call, JSON', call: calls.json },
    { name: 'Moleculer remote call, msgpackr', call: calls.msgpackr },
  ];
  for (const rateHz of RATES_HZ) {
    for (const { name, call } of contenders) {
      ctx.progress(`latency at ${rateHz}/s: ${name}`);
      const result = await openLoop({ rateHz, durationMs: ctx.quick ? 200 : 3_000, send: call });
      rows.push({
        name,
        params: { rateHz },
        metrics: openLoopMetrics(result),
        ...(name === 'nats.js request/reply' ? {} : { baseline: 'nats.js request/reply' }),
      });
    }
  }
  return rows;
}

export const suite: BenchSuite = {
  name: 'moleculer',
  summary:
    'Moleculer calls (local; remote over NATS with JSON and msgpackr) against raw nats.js request/reply.',
  async setup(ctx) {
    ctx.progress('starting nats-server and the remote node');
    const started = await startNatsRig('moleculer-caller');
    rig = started;
    const remote = await started.child({
      name: 'moleculer remote node',
      script: fileURLToPath(new URL('./remote-node.child.ts', import.meta.url)),
    });
    const json = new ServiceBroker(brokerOptions(started.url, 'json', 'caller-json'));
    const msgpackr = new ServiceBroker(brokerOptions(started.url, 'msgpackr', 'caller-msgpackr'));
    msgpackr.createService({
      name: 'local',
      actions: { echo: (ctx: { params: unknown }) => ctx.params },
    });
    for (const broker of [json, msgpackr]) {
      await broker.start();
      started.defer(() => broker.stop());
      await broker.waitForServices('remote', 30_000);
    }
    state = { rig: started, remote, json, msgpackr };
  },
  comparisons,
  custom: latencyRows,
  async teardown() {
    state = undefined;
    await rig?.stop();
    rig = undefined;
  },
};
