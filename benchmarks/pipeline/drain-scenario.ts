// One run of the drain suite's edge against the actors node: an outage of `outageS` seconds
// (0: none) stored while the link is down, then the link returns and the backlog drains at the
// forwarder's throttle while live frames keep coming. Returns what happened; the suite turns
// it into rows. Each run uses work centers of its own, so runs do not share actor state.
import type { ServiceBroker } from 'moleculer';
import { processCpuMicros, type LatencyHistogram } from '../lib/index.ts';
import { DrainEdge } from './drain-edge.ts';
import { LiveFrames } from './live-frames.ts';
import { TellLoad, workCenterKeys } from './tell-load.ts';

export interface ScenarioOptions {
  readonly label: string;
  readonly workCenters: number;
  readonly samplesPerFrame: number;
  readonly outageS: number;
  /** Forwarder backlogFramesPerSecond (0: unthrottled). */
  readonly throttle: number;
  /** Live traffic with no outage is recorded this long (after a warm-up). */
  readonly liveMs: number;
  /** A drain still running after this long is stopped and reported as not drained. */
  readonly drainCapMs: number;
  readonly progress: (message: string) => void;
}

export interface ScenarioOutcome {
  /** Live frames sealed after the link returned, until the backlog was drained. */
  readonly live: LatencyHistogram;
  /** From the link's return until the last backlog frame (or the end of live-only traffic). */
  readonly windowMs: number;
  readonly nodeCpuMicros: number;
  /** This process: the edge (journal, frames, frame store, forwarder) and the driver broker. */
  readonly edgeCpuMicros: number;
  readonly backlog: {
    readonly frames: number;
    readonly delivered: number;
    readonly accepted: number;
  };
  readonly drained: boolean;
  /** Good pieces the actors counted, and what the counters advanced by (after the drain). */
  readonly goodCounted: number;
  readonly goodMade: number;
}

/** Two rounds of live frames over the work centers. */
const LIVE_WARM_UP_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ownCpu = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

async function until(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!test()) {
    if (performance.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

export async function runScenario(
  driver: ServiceBroker,
  nodePid: number,
  options: ScenarioOptions,
): Promise<ScenarioOutcome> {
  const { label, outageS, progress } = options;
  const keys = workCenterKeys(`D${label}`, options.workCenters);
  const edge = new DrainEdge(driver, {
    workCenters: keys.map((key) => key.split('/')[1] ?? key),
    samplesPerFrame: options.samplesPerFrame,
    backlogFramesPerSecond: options.throttle,
  });
  const frames = new LiveFrames(edge);
  const backlog = { frames: 0, delivered: 0, accepted: 0, lastAt: 0 };
  edge.onDelivered = ({ frame, result }) => {
    if (frames.acknowledged(frame.header.workCenter, frame.header.sealedAt)) return;
    backlog.delivered += 1;
    if (result.accepted === true) backlog.accepted += 1;
    backlog.lastAt = performance.now();
  };
  edge.linkDown = outageS > 0;
  edge.start();
  if (outageS > 0) {
    progress(`${label}: ${outageS} s outage backlog into the frame store`);
    const first = Date.now() - outageS * 1_000;
    for (let second = 1; second <= outageS; second++) {
      for (const workCenter of edge.options.workCenters)
        edge.addFrame(workCenter, first + second * 1_000, true);
      await new Promise((resolve) => setImmediate(resolve));
    }
    backlog.frames = edge.store.count();
  }
  const cpuBefore = { node: processCpuMicros(nodePid) ?? 0, edge: ownCpu() };
  const recoveredAt = performance.now();
  edge.linkDown = false;
  // Live frames start once the forwarder has seen the link back: a frame sealed before that
  // belongs to the outage (the forwarder drains it with the backlog, in order).
  if (outageS > 0) await until(() => backlog.delivered > 0, 10_000);
  // Without a backlog, the first live frames activate the work centers' actors (a drain's
  // backlog has done that before its live frames): they are a warm-up, not recorded.
  const warmUpMs = outageS > 0 ? 0 : LIVE_WARM_UP_MS;
  frames.recordFrom = performance.now() + warmUpMs;
  frames.start();
  let drained = true;
  if (outageS > 0) {
    const rate = options.throttle > 0 ? `${options.throttle} frames/s` : 'unthrottled';
    progress(`${label}: draining ${backlog.frames} frames at ${rate}`);
    drained = await until(() => backlog.delivered >= backlog.frames, options.drainCapMs);
    frames.recordUntil = drained ? backlog.lastAt : performance.now();
  } else {
    progress(`${label}: live frames for ${(warmUpMs + options.liveMs) / 1000} s`);
    await sleep(warmUpMs + options.liveMs);
  }
  const end = outageS > 0 && drained ? backlog.lastAt : performance.now();
  // CPU and time of a live-only run include its warm-up: the cores busy are an average.
  const nodeCpuMicros = (processCpuMicros(nodePid) ?? 0) - cpuBefore.node;
  const edgeCpuMicros = ownCpu() - cpuBefore.edge;
  frames.stop();
  await until(() => frames.outstanding === 0, 30_000);
  await edge.forwarder.stop();
  const load = new TellLoad(driver, keys);
  let goodCounted = 0;
  for (const key of keys) goodCounted += (await load.ask(key)).good;
  let goodMade = 0;
  for (const made of edge.goodMade.values()) goodMade += made;
  await edge.stop();
  return {
    live: frames.histogram,
    windowMs: end - recoveredAt,
    nodeCpuMicros,
    edgeCpuMicros,
    backlog,
    drained,
    goodCounted,
    goodMade,
  };
}
