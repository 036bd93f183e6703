// ERP postings per second through the whole pipeline: per work center, an order is released
// (orders.release on the production node, dispatched to the actor) and one frame completes
// it; the actor's confirmation, goods issue and goods receipt go through the business lane to
// the ERP connector and the ERP simulator. One operation = one document in ERP. The floor:
// as many frame-sized messages, nats.js publish -> subscriber (one hop).
import type { NatsConnection } from 'nats';
import type { BenchVariant } from '../lib/index.ts';
import type { PipelineCluster } from './e2e-cluster.ts';
import {
  benchOrder,
  FrameSource,
  ORDER_TARGET,
  POSTINGS_PER_ORDER,
  workCenterName,
} from './e2e-plant.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the pipeline variant released, for the correctness row. */
export interface ReleasedOrders {
  count: number;
}

export function pipelinePostings(
  cluster: () => PipelineCluster,
  sources: () => readonly FrameSource[],
  released: ReleasedOrders,
): BenchVariant {
  let nextOrder = 7_000_001;
  return {
    name: 'frames -> actors -> lane -> ERP connector -> ERP simulator',
    async run(ops) {
      const { broker } = cluster();
      const lines = sources();
      const documents = async () => {
        const c = await cluster().erpCounts();
        if (c.rejected > 0) throw new Error(`ERP rejected ${c.rejected} posting(s)`);
        return c.confirmations + c.materialDocuments;
      };
      const before = await documents();
      const orders = ops / POSTINGS_PER_ORDER;
      const plan = lines.map((line, w) => ({
        line,
        orders: Array.from(
          { length: Math.floor(orders / lines.length) + (w < orders % lines.length ? 1 : 0) },
          () => String(nextOrder++),
        ),
      }));
      await Promise.all(
        plan.map(async ({ line, orders: numbers }) => {
          for (const order of numbers) {
            await broker.call('orders.release', benchOrder(order, line.workCenter));
            released.count += 1;
            const bytes = line.frame(ORDER_TARGET, 0);
            await broker.call('workcenter.host.ingestFrame', { bytes });
          }
        }),
      );
      const deadline = Date.now() + 120_000;
      while ((await documents()) < before + ops) {
        if (Date.now() > deadline) throw new Error(`ERP holds fewer than ${ops} new documents`);
        await sleep(5);
      }
    },
    processes: () => cluster().processes(),
  };
}

export function natsHopPostings(
  cluster: () => PipelineCluster,
  connections: () => { pub: NatsConnection; sub: NatsConnection },
): BenchVariant {
  const line = new FrameSource(workCenterName(999));
  let received = 0;
  let target = 0;
  let done: (() => void) | undefined;
  return {
    name: 'nats.js publish -> subscriber (one hop)',
    baseline: true,
    async setup() {
      const { sub } = connections();
      sub.subscribe('bench.e2e.hop', {
        callback: () => {
          received += 1;
          if (received >= target) done?.();
        },
      });
      await sub.flush();
    },
    async run(ops) {
      const { pub } = connections();
      const bytes = line.frame(ORDER_TARGET, 0);
      target = received + ops;
      const arrived = new Promise<void>((resolve) => (done = resolve));
      for (let i = 0; i < ops; i++) pub.publish('bench.e2e.hop', bytes);
      await pub.flush();
      if (received < target) await arrived;
    },
    processes: () => [cluster().natsProcess()],
  };
}
