// Everything the peer comparison runs on, started once: a real Mosquitto, the HTTP receiver,
// the publisher process, and the two sides (the Node-RED flow and the Millwright process),
// each subscribed to its own UNS root with a persistent session. runBatch publishes one
// schedule to one side and scores what that side posted, with the side's CPU time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  processCpuMicros,
  startBenchChild,
  startMosquitto,
  type BenchChild,
  type BenchProcess,
  type TestMosquitto,
} from '../lib/index.ts';
import { startNodeRed, type NodeRedProcess } from './node-red-process.ts';
import type { PublishCommand, PublishedReply } from './publisher.child.ts';
import { epochNow, score, startReceiver, type Receiver, type Score } from './receiver.ts';
import { buildSchedule, oracle, type ScheduleOptions } from './schedule.ts';

export interface Side {
  /** Receiver path and topic root: `node-red`, `millwright-20ms`. */
  readonly name: string;
  /** The row name in the results. */
  readonly label: string;
  /** UNS root this side subscribes below (`<root>/+/+/counters`). */
  readonly root: string;
  readonly process: BenchProcess;
  /** The Node-RED flow, which the Millwright sides are divided by. */
  readonly baseline: boolean;
}

/** A Millwright side: frames sealed `lingerMs` after their first sample, 0 at turn end. */
export interface MillwrightSideOptions {
  readonly name: string;
  readonly label: string;
  readonly lingerMs: number;
}

export interface BatchResult {
  readonly score: Score;
  readonly samples: number;
  readonly wallMs: number;
  /** CPU time of the side's process over the batch, seconds. */
  readonly sideCpuSec: number;
  /** The broker's CPU over the batch; undefined when it was restarted in between. */
  readonly brokerCpuSec: number | undefined;
  readonly sideRssMb: number;
  readonly publisherLagMs: number;
}

export interface RigOptions {
  readonly windowMs: number;
  /** Reconnect delay of every MQTT client (Node-RED's mqttReconnectTime included). */
  readonly reconnectMs: number;
  /** How long a batch may make no progress before what is missing counts as lost. */
  readonly stallMs: number;
  readonly millwright: readonly MillwrightSideOptions[];
}

/** Resident set size of a process from /proc, MB (NaN where it cannot be read). */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

export const NODE_RED_LABEL = 'Node-RED flow';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PeerRig {
  readonly sides: readonly Side[];
  #batch = 0;

  private constructor(
    readonly options: RigOptions,
    readonly broker: TestMosquitto,
    readonly receiver: Receiver,
    readonly publisher: BenchChild,
    readonly nodeRed: NodeRedProcess,
    readonly millwright: readonly {
      readonly side: MillwrightSideOptions;
      readonly child: BenchChild;
    }[],
  ) {
    const rootOf = (name: string) => `${name}/acme/p100`;
    this.sides = [
      {
        name: 'node-red',
        label: NODE_RED_LABEL,
        root: rootOf('node-red'),
        process: nodeRed,
        baseline: true,
      },
      ...millwright.map(({ side, child }) => ({
        name: side.name,
        label: side.label,
        root: rootOf(side.name),
        process: child,
        baseline: false,
      })),
    ];
  }

  static async start(options: RigOptions, progress: (message: string) => void): Promise<PeerRig> {
    progress('starting mosquitto, receiver and publisher');
    // A reconnect's worth of QoS 1 messages must fit the broker's queue for an offline
    // persistent session; the default (1000) would drop them for both sides alike.
    const broker = await startMosquitto(['max_queued_messages 1000000']);
    const parts: { stop(): Promise<void> | void }[] = [{ stop: () => broker.dispose() }];
    try {
      const receiver = await startReceiver();
      parts.push({ stop: () => receiver.close() });
      const child = (name: string, file: string, args: string[]) =>
        startBenchChild({ name, script: fileURLToPath(new URL(file, import.meta.url)), args });
      const publisher = await child('publisher', './publisher.child.ts', [broker.url]);
      parts.push(publisher);
      progress('starting node-red');
      const nodeRed = await startNodeRed({
        mqttPort: broker.port,
        clientId: 'mw-peer-node-red',
        topic: 'node-red/acme/p100/+/+/counters',
        postUrl: `${receiver.url}/confirmations/node-red`,
        windowMs: options.windowMs,
        reconnectMs: options.reconnectMs,
      });
      parts.push(nodeRed);
      const millwright: { side: MillwrightSideOptions; child: BenchChild }[] = [];
      for (const side of options.millwright) {
        progress(`starting ${side.label}`);
        const started = await child(side.name, './millwright-side.child.ts', [
          broker.url,
          `${side.name}/acme/p100/+/+/counters`,
          `${receiver.url}/confirmations/${side.name}`,
          String(options.windowMs),
          `mw-peer-${side.name}`,
          String(options.reconnectMs),
          String(side.lingerMs),
        ]);
        parts.push(started);
        millwright.push({ side, child: started });
      }
      return new PeerRig(options, broker, receiver, publisher, nodeRed, millwright);
    } catch (error) {
      for (const part of parts.reverse()) await part.stop();
      throw error;
    }
  }

  /** A fresh area name: each batch's work centers start from no state on either side. */
  nextArea(prefix: string): string {
    return `${prefix}${++this.#batch}`;
  }

  /**
   * Publishes `schedule` to `side` (paced on its clock, or at once), waits until the side has
   * posted every expected window or made no progress for stallMs, and scores the postings.
   * `during` runs alongside the publisher (the broker restart).
   */
  async runBatch(
    side: Side,
    schedule: ScheduleOptions,
    paced: boolean,
    during?: () => Promise<void>,
  ): Promise<BatchResult> {
    const samples = buildSchedule(schedule);
    const expected = oracle(samples, schedule.windowMs);
    const brokerPid = this.broker.process.pid;
    const sideBefore = processCpuMicros(side.process.pid) ?? 0;
    const brokerBefore = brokerPid === undefined ? undefined : processCpuMicros(brokerPid);
    const started = epochNow();
    const command: PublishCommand = {
      type: 'publish',
      id: this.#batch,
      root: side.root,
      schedule,
      paced,
    };
    this.publisher.send(command);
    const [reply] = await Promise.all([
      this.publisher.next('published', 600_000) as Promise<unknown> as Promise<PublishedReply>,
      during?.(),
    ]);
    const prefix = `${schedule.area}/`;
    let seen = -1;
    let lastProgress = epochNow();
    for (;;) {
      const now = this.receiver.count(side.name, prefix);
      if (now >= expected.size) break;
      if (now !== seen) [seen, lastProgress] = [now, epochNow()];
      else if (epochNow() - lastProgress > this.options.stallMs) break;
      await sleep(5);
    }
    const wallMs = epochNow() - started;
    if (paced) await sleep(100); // a duplicate posted right behind the first still counts
    const sideAfter = processCpuMicros(side.process.pid) ?? 0;
    const brokerAfter = brokerPid === undefined ? undefined : processCpuMicros(brokerPid);
    const postings = this.receiver
      .take(side.name)
      .filter((posting) => posting.workCenter.startsWith(prefix));
    return {
      score: score(expected, postings),
      samples: samples.length,
      wallMs,
      sideCpuSec: (sideAfter - sideBefore) / 1e6,
      brokerCpuSec:
        brokerBefore === undefined ||
        brokerAfter === undefined ||
        this.broker.process.pid !== brokerPid
          ? undefined
          : (brokerAfter - brokerBefore) / 1e6,
      sideRssMb: rssMb(side.process.pid),
      publisherLagMs: reply.maxLagMs,
    };
  }

  async stop(): Promise<void> {
    for (const { child } of this.millwright) await child.stop();
    await this.nodeRed.stop();
    await this.publisher.stop();
    await this.receiver.close();
    await this.broker.dispose();
  }
}
