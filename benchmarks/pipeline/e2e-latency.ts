// Sample-to-connector latency under open-loop load (docs/benchmarks.md, "e2e"). Each scheduled
// operation seals one frame of SAMPLES_PER_FRAME samples for the next work center (round
// robin) and sends it as the edge does (workcenter.host.ingestFrame); every frame adds one
// scrap part, so the actor emits one scrap.declared.v1 carrying the frame's counts, caused by
// "<source>:<frameSeq>". The operation completes when the probe, a durable lane consumer with
// the connectors' own lane code, receives that fact. Latency = receipt - scheduled seal time.
// The floor: the same frame bytes at the same rate, nats.js publish -> subscriber, one hop.
import type { ServiceBroker } from 'moleculer';
import { headers, type NatsConnection } from 'nats';
import type { BusinessLane } from '../../connectors/lane/index.ts';
import type { LaneSubscription } from '../../contracts/index.ts';
import { openLoop, openLoopMetrics, type BenchCustomRow } from '../lib/index.ts';
import { FrameSource, SAMPLES_PER_FRAME } from './e2e-plant.ts';

export const PIPELINE_ROW = 'frame -> actor -> business lane -> connector (probe)';
export const FLOOR_ROW = 'nats.js publish -> subscriber (one hop)';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** The probe: resolves the waiter of each scrap fact it receives, by its causation id. */
export class LaneProbe {
  readonly #waiters = new Map<string, Waiter>();
  #subscription: LaneSubscription | undefined;
  received = 0;

  async start(lane: BusinessLane): Promise<void> {
    this.#subscription = await lane.consume('bench-e2e-probe', ['scrap.declared.v1'], (d) => {
      this.received += 1;
      this.#waiters.get(d.event.causationId)?.resolve();
      this.#waiters.delete(d.event.causationId);
      return d.ack();
    });
  }

  /** Resolves when the fact caused by `cause` arrives. */
  wait(cause: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiters.set(cause, { resolve, reject });
    });
  }

  fail(cause: string, error: unknown): void {
    this.#waiters.get(cause)?.reject(error);
    this.#waiters.delete(cause);
  }

  async stop(): Promise<void> {
    await this.#subscription?.stop();
  }
}

export interface LatencyLoad {
  readonly samplesPerSec: number;
  readonly durationMs: number;
  readonly params: Readonly<Record<string, number>>;
}

export async function pipelineRow(
  broker: ServiceBroker,
  probe: LaneProbe,
  sources: readonly FrameSource[],
  load: LatencyLoad,
): Promise<BenchCustomRow> {
  const result = await openLoop({
    rateHz: load.samplesPerSec / SAMPLES_PER_FRAME,
    durationMs: load.durationMs,
    drainTimeoutMs: 10_000,
    send: (index) => {
      const source = sources[index % sources.length];
      if (source === undefined) throw new Error('no frame sources');
      const cause = `${source.source}:${source.nextSeq}`;
      const received = probe.wait(cause);
      const bytes = source.frame(3, 1);
      broker.call('workcenter.host.ingestFrame', { bytes }).catch((error: unknown) => {
        probe.fail(cause, error);
      });
      return received;
    },
  });
  return {
    name: PIPELINE_ROW,
    params: load.params,
    metrics: openLoopMetrics(result),
    baseline: FLOOR_ROW,
  };
}

/** The floor sends frames of the same shape from sources of its own (the actors never see them). */
export async function floorRow(
  nc: NatsConnection,
  sub: NatsConnection,
  sources: readonly FrameSource[],
  load: LatencyLoad,
): Promise<BenchCustomRow> {
  const waiters = new Map<number, () => void>();
  const subscription = sub.subscribe('bench.e2e.floor', {
    callback: (_error, msg) => {
      const id = msg.headers === undefined ? -1 : Number(msg.headers.get('id'));
      waiters.get(id)?.();
      waiters.delete(id);
    },
  });
  await sub.flush();
  const result = await openLoop({
    rateHz: load.samplesPerSec / SAMPLES_PER_FRAME,
    durationMs: load.durationMs,
    drainTimeoutMs: 10_000,
    send: (index) => {
      const source = sources[index % sources.length];
      if (source === undefined) throw new Error('no frame sources');
      const h = headers();
      h.set('id', String(index));
      const arrived = new Promise<void>((resolve) => waiters.set(index, resolve));
      nc.publish('bench.e2e.floor', source.frame(3, 1), { headers: h });
      return arrived;
    },
  });
  subscription.unsubscribe();
  return { name: FLOOR_ROW, params: load.params, metrics: openLoopMetrics(result) };
}
