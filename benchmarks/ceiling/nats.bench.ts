// The transport ceiling: raw nats.js on a nats-server of its own, with nothing of ours in the
// path. Every remote figure of the other suites is divided by these. Publish alone vs pub/sub
// to another process, request/reply serial vs 64 in flight, and reply latency at set rates.
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

const PAYLOADS = [
  { bytes: 128, opsPerRound: 200_000 },
  { bytes: 1024, opsPerRound: 100_000 },
  { bytes: 8192, opsPerRound: 20_000 },
] as const;
/** Bytes the publisher may have sent beyond what the subscriber confirmed. */
const WINDOW_BYTES = 4 * 1024 * 1024;
/** The publish baseline awaits a flush after this many bytes, so buffers stay bounded. */
const FLUSH_BYTES = 4 * 1024 * 1024;
const RATES_HZ = [1_000, 4_000, 8_000] as const;

interface Ceiling {
  rig: NatsRig;
  peer: BenchChild;
  /** Messages sent to and confirmed by the peer on bench.sub, cumulative. */
  published: number;
  confirmed: number;
  waiters: { count: number; resolve: () => void }[];
}

let state: Ceiling | undefined;
let rig: NatsRig | undefined;
const encoder = new TextEncoder();

function live(): Ceiling {
  if (state === undefined) throw new Error('ceiling suite used before setup');
  return state;
}

function helpers(withPeer: boolean): readonly BenchProcess[] {
  const { rig, peer } = live();
  const nats = rig.serverProcess;
  return withPeer ? [nats, { name: 'peer process', pid: peer.pid }] : [nats];
}

function confirmedAtLeast(count: number): Promise<void> {
  const s = live();
  if (s.confirmed >= count) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`subscriber confirmed ${s.confirmed} of ${count} messages within 30 s`));
    }, 30_000);
    s.waiters.push({
      count,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    });
  });
}

async function publishAlone(payload: Uint8Array, ops: number): Promise<void> {
  const { nc } = live().rig;
  const perFlush = Math.max(1, Math.floor(FLUSH_BYTES / payload.length));
  for (let i = 1; i <= ops; i += 1) {
    nc.publish('bench.nobody', payload);
    if (i % perFlush === 0) await nc.flush();
  }
  await nc.flush();
}

async function publishToPeer(payload: Uint8Array, ops: number): Promise<void> {
  const s = live();
  const { nc } = s.rig;
  const window = Math.max(64, Math.floor(WINDOW_BYTES / payload.length));
  const target = s.published + ops;
  const every = Math.max(1, Math.floor(window / 4));
  await nc.request('bench.sub.target', encoder.encode(`${target} ${every}`));
  while (s.published < target) {
    if (s.published - s.confirmed >= window) await confirmedAtLeast(s.published - window / 2);
    nc.publish('bench.sub', payload);
    s.published += 1;
  }
  await confirmedAtLeast(target);
}

function requests(payload: Uint8Array, ops: number, inFlight: number): Promise<void> {
  const { nc } = live().rig;
  return closedLoop(ops, inFlight, () => nc.request('bench.echo', payload, { timeout: 10_000 }));
}

function comparisons(): BenchComparison[] {
  const list: BenchComparison[] = PAYLOADS.map(({ bytes, opsPerRound }) => {
    const payload = new Uint8Array(bytes).fill(120);
    return {
      name: 'publish',
      unit: 'message',
      opsPerRound,
      params: { payloadBytes: bytes },
      variants: [
        {
          name: 'nats.js publish, no subscriber',
          baseline: true,
          run: (ops) => publishAlone(payload, ops),
          processes: () => helpers(false),
        },
        {
          name: 'pub/sub to another process',
          run: (ops) => publishToPeer(payload, ops),
          processes: () => helpers(true),
        },
      ],
    };
  });
  const request = new Uint8Array(128).fill(120);
  list.push({
    name: 'request/reply',
    unit: 'request',
    opsPerRound: 10_000,
    params: { payloadBytes: request.length },
    variants: [
      {
        name: 'nats.js request, 1 in flight',
        baseline: true,
        run: (ops) => requests(request, ops, 1),
        processes: () => helpers(true),
      },
      {
        name: 'nats.js request, 64 in flight',
        run: (ops) => requests(request, ops, 64),
        processes: () => helpers(true),
      },
    ],
  });
  return list;
}

async function latencyRows(ctx: BenchContext): Promise<BenchCustomRow[]> {
  const { nc } = live().rig;
  const payload = new Uint8Array(128).fill(120);
  const rows: BenchCustomRow[] = [];
  for (const rateHz of RATES_HZ) {
    ctx.progress(`request/reply latency at ${rateHz}/s`);
    const result = await openLoop({
      rateHz,
      durationMs: ctx.quick ? 200 : 3_000,
      send: () => nc.request('bench.echo', payload, { timeout: 10_000 }),
    });
    rows.push({
      name: 'nats.js request/reply',
      params: { rateHz, payloadBytes: payload.length },
      metrics: openLoopMetrics(result),
    });
  }
  return rows;
}

export const suite: BenchSuite = {
  name: 'ceiling',
  summary:
    'Raw nats.js on a local nats-server: the transport ceiling every remote figure is divided by.',
  async setup(ctx) {
    ctx.progress('starting nats-server and the peer process');
    rig = await startNatsRig('ceiling');
    const { nc } = rig;
    const s: Ceiling = { rig, peer: await rig.peer(), published: 0, confirmed: 0, waiters: [] };
    state = s;
    const decoder = new TextDecoder();
    nc.subscribe('bench.sub.progress', {
      callback: (_error, msg) => {
        s.confirmed = Math.max(s.confirmed, Number(decoder.decode(msg.data)));
        s.waiters = s.waiters.filter((waiter) => {
          if (s.confirmed < waiter.count) return true;
          waiter.resolve();
          return false;
        });
      },
    });
    await nc.flush();
  },
  comparisons,
  custom: latencyRows,
  async teardown() {
    state = undefined;
    await rig?.stop();
    rig = undefined;
  },
};
