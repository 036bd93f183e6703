// What `workcenter.host` delegates to: builds the actor runtime for the run mode (SQLite
// embedded, JetStream KV + MW_BIZ on NATS), routes each message to its owner, releases the
// actors that hash elsewhere when the member list changes, and answers the REPL.
// Must not hold business rules: those live in actors/workcenter.
import { join } from 'node:path';
import type { ServiceBroker } from 'moleculer';
import { connect, type NatsConnection } from 'nats';
import {
  ActorRuntime,
  actorKey,
  committedIsPublished,
  isRejection,
  ensureBusinessStream,
  JetStreamActorStore,
  JetStreamLanePublisher,
  outboxPublisherFor,
  ownerOf,
  parseActorKey,
  planMoves,
  SqliteActorStore,
  workCenterKind,
  type ActorLogger,
  type ActorStore,
  type OutboxPublisher,
  type WorkCenterMessage,
  type WorkCenterState,
} from '../../actors/index.ts';
import { appendToLane, ensureLaneSchema } from '../../connectors/index.ts';
import { MillwrightError } from '../../contracts/index.ts';
import { decodeFrameHeader } from '../../native/index.ts';
import { fromNativeError, telemetryKernel } from '../platform/index.ts';
import type { AuditLog, MillwrightConfig } from '../platform/index.ts';
import { DEFAULT_TAG_ROLES, FrameIngest, type IngestResult, type RolesOf } from './frame-ingest.ts';
import { LANE_FILE } from '../runtime/business-lane.ts';
import { HOST_SERVICE, hostNodes } from './membership.ts';
import { hostMetrics, type HostMetrics } from './metrics.ts';
import { tellWorkCenter, type TellResult } from './routing.ts';

export interface WorkCenterHostOptions {
  /** Idle time before an actor is snapshotted and dropped from memory (ms). */
  readonly idleMs?: number;
  readonly mailboxCapacity?: number;
  /** JetStream request timeout for commits and publishes (ms). */
  readonly storeTimeoutMs?: number;
  /** MW_BIZ duplicate window when this node creates the stream (ms). */
  readonly duplicateWindowMs?: number;
  /** Where approvals are audited; a node without one refuses approvals. */
  readonly audit?: AuditLog;
  /** Tag roles (good, scrap, state) of a work center's frames; default DEFAULT_TAG_ROLES. */
  readonly tagRoles?: RolesOf;
  /** Called once the host runs (embedding code and tests reach the runtime through it). */
  readonly onStarted?: (host: WorkCenterHost) => void;
}

export interface TellParams {
  readonly key: string;
  readonly message: unknown;
  /** Forwards so far; a second forward is refused with MW_ACTOR_MOVING (views disagree). */
  readonly hops?: number;
}

export interface IngestFrameParams {
  /** The encoded frame (docs/frames.md); its own header is the one that counts. */
  readonly bytes: Uint8Array;
  /** The edge's copy of the header (informative). */
  readonly header?: unknown;
  readonly hops?: number;
}

export class WorkCenterHost {
  readonly broker: ServiceBroker;
  readonly runtime: ActorRuntime<WorkCenterState, WorkCenterMessage>;
  readonly metrics: HostMetrics;
  readonly #store: ActorStore;
  readonly #nc: NatsConnection | undefined;
  readonly #lane: JetStreamLanePublisher | undefined;
  readonly #frames: FrameIngest;
  /** The plant a cluster node serves; undefined embedded (one process may run several plants). */
  readonly #plant: string | undefined;
  #accepting = true;

  private constructor(
    broker: ServiceBroker,
    config: MillwrightConfig,
    store: ActorStore,
    publisher: OutboxPublisher,
    options: WorkCenterHostOptions,
    nc?: NatsConnection,
    lane?: JetStreamLanePublisher,
  ) {
    this.broker = broker;
    this.#plant = config.transporter === undefined ? undefined : config.plant;
    this.#store = store;
    this.#nc = nc;
    this.#lane = lane;
    this.metrics = hostMetrics(broker);
    const logger = broker.getLogger(HOST_SERVICE) as unknown as ActorLogger;
    // In-process kernel: a frame's counters are a few samples; the worker pool's hop costs
    // more than the kernel for them (decision 0851).
    this.#frames = new FrameIngest(
      telemetryKernel(config),
      options.tagRoles ?? (() => DEFAULT_TAG_ROLES),
      (key, message) => this.tell({ key, message }),
    );
    this.runtime = new ActorRuntime({
      kind: workCenterKind,
      store,
      publisher,
      metrics: this.metrics,
      logger,
      notifier: (topic, payload) => void broker.emit(topic, payload),
      deliverLater: (key, msg) => {
        tellWorkCenter(broker, key, msg).catch((error: unknown) => {
          logger.warn({ key, err: error }, 'scheduled message not delivered');
        });
      },
      ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
      ...(options.mailboxCapacity === undefined
        ? {}
        : { mailboxCapacity: options.mailboxCapacity }),
    });
  }

  static async start(
    broker: ServiceBroker,
    config: MillwrightConfig,
    options: WorkCenterHostOptions = {},
  ): Promise<WorkCenterHost> {
    if (config.transporter === undefined) {
      // The embedded lane lives in the actor store's file: events enter it in the state's
      // own transaction (decision 0850), and the SqliteLane of the connectors reads them.
      const store = new SqliteActorStore(join(config.dataDir, LANE_FILE), {
        prepare: ensureLaneSchema,
        append: appendToLane,
      });
      return new WorkCenterHost(broker, config, store, committedIsPublished, options);
    }
    const nc = await connect({
      servers: config.transporter.split(',').map((url) => url.trim()),
      name: `${config.nodeId} actors`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    const timeoutMs = options.storeTimeoutMs ?? 5_000;
    const store = await JetStreamActorStore.open(nc, { timeoutMs });
    await ensureBusinessStream(await nc.jetstreamManager(), options.duplicateWindowMs);
    const lane = new JetStreamLanePublisher(nc, { nodeId: config.nodeId, timeoutMs });
    return new WorkCenterHost(broker, config, store, outboxPublisherFor(lane), options, nc, lane);
  }

  /** The owner of `key` as this node sees the members (itself included while it runs). */
  ownerOf(key: string): string | undefined {
    const members = hostNodes(this.broker);
    if (this.#accepting && !members.includes(this.broker.nodeID)) members.push(this.broker.nodeID);
    return ownerOf(key, members);
  }

  async tell(params: TellParams): Promise<TellResult> {
    const { key, plant } = parseActorKey(params.key);
    this.#assertOwnPlant(key, plant);
    const message = workCenterKind.parseMessage(params.message);
    const forwarded = await this.#forward('tell', key, params);
    if (forwarded !== undefined) return forwarded as TellResult;
    if (!this.#accepting) {
      throw new MillwrightError('MW_ACTOR_STOPPED', `node ${this.broker.nodeID} is stopping`, {
        key,
      });
    }
    const result = await this.runtime.ask(key, message);
    if (isRejection(result.reply)) {
      const { type, message: text, data } = result.reply.rejected;
      throw new MillwrightError(type, text, data);
    }
    const reply = result.reply as { duplicate?: boolean } | undefined;
    if (reply?.duplicate === true) this.metrics.count('duplicateInputs');
    return result;
  }

  /** One telemetry frame from the edge; resolves once its counts are committed by the actor. */
  async ingestFrame(params: IngestFrameParams): Promise<IngestResult> {
    const bytes = params.bytes;
    let header;
    try {
      header = decodeFrameHeader(bytes);
    } catch (error) {
      throw fromNativeError(error) as Error;
    }
    const key = actorKey(header.plant, header.workCenter);
    this.#assertOwnPlant(key, header.plant);
    const forwarded = await this.#forward('ingestFrame', key, params);
    if (forwarded !== undefined) return forwarded as IngestResult;
    if (!this.#accepting) {
      throw new MillwrightError('MW_ACTOR_STOPPED', `node ${this.broker.nodeID} is stopping`, {
        key,
      });
    }
    return this.#frames.ingest(bytes);
  }

  async inspect(params: TellParams): Promise<unknown> {
    const { key } = parseActorKey(params.key);
    const forwarded = await this.#forward('inspect', key, params);
    if (forwarded !== undefined) return forwarded;
    const view = await this.runtime.inspect(key);
    return {
      key,
      owner: this.broker.nodeID,
      ...(view ?? { active: false, sequence: 0, state: null }),
    };
  }

  /** Releases every active actor that now hashes to another node (they move). */
  async rebalance(): Promise<number> {
    if (!this.#accepting) return 0;
    const self = this.broker.nodeID;
    return this.runtime.releaseWhere((key) => this.ownerOf(key) !== self);
  }

  list() {
    return { node: this.broker.nodeID, actors: this.runtime.list() };
  }

  /** What would move if `join` joined and `leave` left (REPL `actors rebalance --dry-run`). */
  async plan(change: { join?: readonly string[]; leave?: readonly string[] }) {
    const before = hostNodes(this.broker);
    const after = [
      ...before.filter((n) => !(change.leave ?? []).includes(n)),
      ...(change.join ?? []),
    ];
    const keys = new Set([...(await this.#store.keys()), ...this.runtime.keys()]);
    const moves = planMoves(keys, before, after);
    const byRoute: Record<string, number> = {};
    for (const m of moves)
      byRoute[`${m.from ?? '-'} -> ${m.to ?? '-'}`] =
        (byRoute[`${m.from ?? '-'} -> ${m.to ?? '-'}`] ?? 0) + 1;
    return {
      before,
      after,
      actors: keys.size,
      moving: moves.length,
      byRoute,
      moves: moves.slice(0, 100),
    };
  }

  stats() {
    return {
      node: this.broker.nodeID,
      store: this.#store.kind,
      active: this.runtime.size,
      counts: { ...this.metrics.counts },
      lane: { published: this.#lane?.published ?? 0, duplicates: this.#lane?.duplicates ?? 0 },
    };
  }

  async stop(): Promise<void> {
    this.#accepting = false;
    await this.runtime.stop();
    await this.#store.close();
    await this.#nc?.drain();
  }

  /** Close the store connection without a graceful stop (tests of partitions use it). */
  get natsConnection(): NatsConnection | undefined {
    return this.#nc;
  }

  /** Plants are separate clusters (decision 0604): a misrouted message is refused, not hosted. */
  #assertOwnPlant(key: string, plant: string): void {
    if (this.#plant === undefined || plant === this.#plant) return;
    this.metrics.count('otherPlantRefusals');
    throw new MillwrightError(
      'MW_ACTOR_OTHER_PLANT',
      `${key} belongs to plant ${plant}; node ${this.broker.nodeID} serves plant ${this.#plant}`,
      { key, plant, nodePlant: this.#plant, node: this.broker.nodeID },
    );
  }

  async #forward(
    action: 'tell' | 'inspect' | 'ingestFrame',
    key: string,
    params: { readonly hops?: number },
  ): Promise<unknown> {
    const owner = this.ownerOf(key);
    if (owner === undefined || owner === this.broker.nodeID) return undefined;
    const hops = params.hops ?? 0;
    if (hops >= 1) {
      throw new MillwrightError('MW_ACTOR_MOVING', `${key} is moving (owner views disagree)`, {
        key,
        owner,
        node: this.broker.nodeID,
      });
    }
    return this.broker.call(
      `${HOST_SERVICE}.${action}`,
      { ...params, hops: hops + 1 },
      { nodeID: owner },
    );
  }
}
