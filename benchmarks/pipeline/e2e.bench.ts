// The whole pipeline on a real nats-server with separate processes (issue 6 / 8, `e2e`):
// sample-to-connector latency p50 / p99 at 1,000, 4,000 and 10,000 samples/s (open loop) next
// to the raw NATS hop at the same rate, and ERP postings/s with the ERP simulator next to the
// same hop's throughput, with a correctness row (every order's postings in ERP once).
// Definitions: docs/benchmarks.md, "The e2e suite".
import { connect, type NatsConnection } from 'nats';
import { nativeKernelAvailable } from '../../native/index.ts';
import type { BenchContext, BenchCustomRow, BenchSuite } from '../lib/index.ts';
import { PipelineCluster } from './e2e-cluster.ts';
import { floorRow, LaneProbe, pipelineRow, type LatencyLoad } from './e2e-latency.ts';
import {
  benchMasterData,
  FrameSource,
  POSTINGS_PER_ORDER,
  SAMPLES_PER_FRAME,
  workCenterName,
} from './e2e-plant.ts';
import { natsHopPostings, pipelinePostings, type ReleasedOrders } from './e2e-postings.ts';

const WORK_CENTERS = 10;
/** Samples/s of the latency rows; the middle one only in full runs. */
const RATES = [1_000, 4_000, 10_000] as const;
const QUICK_RATES = [1_000, 10_000] as const;

let cluster: PipelineCluster | undefined;
let connections: { pub: NatsConnection; sub: NatsConnection } | undefined;
const probe = new LaneProbe();
let sources: FrameSource[] = [];
const released: ReleasedOrders = { count: 0 };

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the e2e suite ran before its setup');
  return value;
}

async function latencyRows(ctx: BenchContext): Promise<BenchCustomRow[]> {
  const { broker } = need(cluster);
  const { pub, sub } = need(connections);
  const floorSources = Array.from(
    { length: WORK_CENTERS },
    (_, i) => new FrameSource(`FLOOR-${String(i)}`),
  );
  const rows: BenchCustomRow[] = [];
  for (const [index, samplesPerSec] of (ctx.quick ? QUICK_RATES : RATES).entries()) {
    const load: LatencyLoad = {
      samplesPerSec,
      durationMs: ctx.quick ? 1_000 : 10_000,
      params: {
        rateHz: samplesPerSec,
        samplesPerFrame: SAMPLES_PER_FRAME,
        workCenters: WORK_CENTERS,
      },
    };
    const floor = async () => {
      ctx.progress(`raw NATS hop at ${samplesPerSec} samples/s`);
      rows.push(await floorRow(pub, sub, floorSources, load));
    };
    const pipeline = async () => {
      ctx.progress(`pipeline at ${samplesPerSec} samples/s`);
      rows.push(await pipelineRow(broker, probe, sources, load));
    };
    // The order alternates from rate to rate: neither side always runs first.
    for (const step of index % 2 === 0 ? [floor, pipeline] : [pipeline, floor]) await step();
  }
  return rows;
}

/** Every released order's 3 postings in ERP, once: expected, posted, duplicates, lost. */
async function postingsCheck(): Promise<BenchCustomRow> {
  const expected = released.count * POSTINGS_PER_ORDER;
  const counts = await need(cluster).erpCounts();
  const posted = counts.confirmations + counts.materialDocuments;
  return {
    name: 'ERP documents against released orders (3 postings each)',
    params: { workCenters: WORK_CENTERS },
    metrics: {
      expected,
      posted,
      duplicates: Math.max(0, posted - expected),
      lost: Math.max(0, expected - posted),
      rejected: counts.rejected,
    },
  };
}

export const suite: BenchSuite = {
  name: 'e2e',
  summary:
    'The pipeline in 3 node processes on nats-server: sample-to-connector latency and ERP postings/s vs the raw NATS hop',
  async setup(ctx) {
    cluster = await PipelineCluster.start((message) => {
      ctx.progress(message);
    });
    const { broker, nats } = cluster;
    connections = {
      pub: await connect({ servers: nats.url, name: 'bench-e2e-pub' }),
      sub: await connect({ servers: nats.url, name: 'bench-e2e-sub' }),
    };
    ctx.progress('loading master data, frame sources at their zero point');
    await broker.call('masterdata.load', benchMasterData(WORK_CENTERS));
    sources = Array.from({ length: WORK_CENTERS }, (_, i) => new FrameSource(workCenterName(i)));
    for (const source of sources) {
      await broker.call('workcenter.host.ingestFrame', { bytes: source.frame(0, 0) });
    }
    await probe.start(cluster.lane);
  },
  comparisons: () => [
    {
      name: 'ERP postings',
      unit: 'posting',
      opsPerRound: 150,
      opsStep: POSTINGS_PER_ORDER,
      params: { workCenters: WORK_CENTERS, postingsPerOrder: POSTINGS_PER_ORDER, erp: 'simulator' },
      variants: [
        natsHopPostings(
          () => need(cluster),
          () => need(connections),
        ),
        pipelinePostings(
          () => need(cluster),
          () => sources,
          released,
        ),
      ],
    },
  ],
  async custom(ctx) {
    return [...(await latencyRows(ctx)), await postingsCheck()];
  },
  async teardown() {
    await probe.stop();
    await connections?.pub.close();
    await connections?.sub.close();
    await cluster?.stop();
    cluster = undefined;
    connections = undefined;
  },
  flags: () => ({
    nativeKernel: nativeKernelAvailable(),
    workCenters: WORK_CENTERS,
    samplesPerFrame: SAMPLES_PER_FRAME,
    lane: 'JetStream',
    actorStore: 'JetStream KV',
    erpRepeatability: false,
    processes: 'nats-server, production, actors, connectors, ERP simulator, suite (edge + probe)',
  }),
};
