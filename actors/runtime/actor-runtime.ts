// The virtual-actor runtime of one node: activates an actor on its first message, keeps one
// cell (mailbox + state) per key, passivates idle ones after a snapshot, and releases the
// ones the host says moved away. Must not import Moleculer or decide placement: the hosting
// service injects every port and tells it which keys to release.
import { MillwrightError } from '../../contracts/index.ts';
import { Mailbox } from './mailbox.ts';
import { parseActorKey } from './actor-key.ts';
import { ActorCell, type CellDeps, type StepResult } from './actor-cell.ts';
import type { ActorKind } from './behavior.ts';
import { systemClock, type Clock, type TimerHandle } from './clock.ts';
import {
  committedIsPublished,
  noMetrics,
  silentLogger,
  type ActorLogger,
  type ActorMetrics,
  type ActorStore,
  type Notifier,
  type Offloader,
  type OutboxPublisher,
} from './ports.ts';

export interface ActorRuntimeOptions<S, M> {
  readonly kind: ActorKind<S, M>;
  readonly store: ActorStore;
  readonly publisher?: OutboxPublisher;
  readonly clock?: Clock;
  readonly metrics?: ActorMetrics;
  readonly logger?: ActorLogger;
  readonly offloader?: Offloader;
  readonly notifier?: Notifier;
  /** Queued messages per actor before MW_ACTOR_BUSY. */
  readonly mailboxCapacity?: number;
  /** Idle time after which an actor is snapshotted and dropped from memory. */
  readonly idleMs?: number;
  /** How often idle actors are looked for (and gauges refreshed). */
  readonly sweepMs?: number;
  readonly flushRetryMs?: number;
  /** Where timer and offload results go; default: this runtime. */
  readonly deliverLater?: (key: string, msg: M) => void;
}

export interface ActorSummary {
  readonly key: string;
  readonly mailboxDepth: number;
  readonly sequence: number;
  readonly lastActivityAt: number;
  readonly unpublished: number;
}

export const RUNTIME_DEFAULTS = Object.freeze({
  mailboxCapacity: 1_000,
  idleMs: 10 * 60_000,
  flushRetryMs: 1_000,
});

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
  }
  return value;
}

export class ActorRuntime<S, M> {
  readonly #cells = new Map<string, ActorCell<S, M>>();
  readonly #deps: CellDeps<S, M>;
  readonly #idleMs: number;
  readonly #sweepMs: number;
  #sweep: TimerHandle | undefined;
  #stopped = false;

  constructor(options: ActorRuntimeOptions<S, M>) {
    this.#idleMs = positive('idleMs', options.idleMs ?? RUNTIME_DEFAULTS.idleMs);
    this.#sweepMs = positive('sweepMs', options.sweepMs ?? Math.min(this.#idleMs, 1_000));
    const deliverLater =
      options.deliverLater ??
      ((key: string, msg: M) => {
        this.tell(key, msg);
      });
    this.#deps = {
      kind: options.kind,
      store: options.store,
      publisher: options.publisher ?? committedIsPublished,
      clock: options.clock ?? systemClock,
      metrics: options.metrics ?? noMetrics,
      logger: options.logger ?? silentLogger,
      offloader: options.offloader,
      notifier: options.notifier,
      mailboxCapacity: options.mailboxCapacity ?? RUNTIME_DEFAULTS.mailboxCapacity,
      flushRetryMs: positive('flushRetryMs', options.flushRetryMs ?? RUNTIME_DEFAULTS.flushRetryMs),
      deliverLater: (key, msg) => {
        try {
          deliverLater(key, msg);
        } catch (error) {
          this.#deps.logger.warn({ key, err: error }, 'could not deliver a scheduled message');
        }
      },
      closed: (cell) => {
        if (this.#cells.get(cell.address.key) === cell) this.#cells.delete(cell.address.key);
        this.#refreshGauges();
      },
    };
    new Mailbox(this.#deps.mailboxCapacity); // fails at construction on a bad capacity
    this.#armSweep();
  }

  get size(): number {
    return this.#cells.size;
  }

  /** Resolves once the message is committed (or found to change nothing). */
  ask(key: string, msg: M): Promise<StepResult> {
    return new Promise<StepResult>((resolve, reject) => {
      this.#cell(key).enqueue({ kind: 'message', msg, resolve, reject });
    });
  }

  /** Fire and forget: throws at once if the message cannot be queued (busy, stopped). */
  tell(key: string, msg: M): void {
    this.#cell(key).enqueue({
      kind: 'message',
      msg,
      resolve: () => undefined,
      reject: (error: unknown) => {
        this.#deps.logger.warn({ key, err: error }, 'told message failed');
      },
    });
  }

  has(key: string): boolean {
    return this.#cells.has(key);
  }

  keys(): string[] {
    return [...this.#cells.keys()];
  }

  list(): ActorSummary[] {
    return [...this.#cells.values()].map((cell) => ({
      key: cell.address.key,
      mailboxDepth: cell.mailbox.size,
      sequence: cell.sequence,
      lastActivityAt: cell.lastActivityAt,
      unpublished: cell.unpublished,
    }));
  }

  /** The state as this node sees it: in memory when active, else the stored snapshot. */
  async inspect(
    key: string,
  ): Promise<{ active: boolean; sequence: number; version: number; state: S } | undefined> {
    const cell = this.#cells.get(key);
    if (cell?.state !== undefined) {
      return { active: true, sequence: cell.sequence, version: cell.version, state: cell.state };
    }
    const stored = await this.#deps.store.load(parseActorKey(key).key);
    if (stored === undefined) return undefined;
    return {
      active: false,
      sequence: stored.seq,
      version: stored.version,
      state: this.#deps.kind.parseState(stored.state),
    };
  }

  /** Finishes what the actor has queued, snapshots and drops it (it moved to another node). */
  release(key: string, reason: 'moved' | 'stopped' = 'moved'): Promise<void> {
    const cell = this.#cells.get(key);
    if (cell === undefined) return Promise.resolve();
    // The cell stays registered until closed: messages behind the release get MW_ACTOR_MOVING.
    return new Promise<void>((resolve) => {
      cell.enqueue({ kind: 'release', reason, done: resolve });
    });
  }

  /** Releases every active actor for which `moved(key)` is true; returns how many. */
  async releaseWhere(moved: (key: string) => boolean): Promise<number> {
    const keys = this.keys().filter(moved);
    await Promise.all(keys.map((key) => this.release(key)));
    return keys.length;
  }

  /** Stops taking messages, snapshots and drops every actor. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#sweep?.cancel();
    await Promise.all(this.keys().map((key) => this.release(key, 'stopped')));
  }

  #cell(key: string): ActorCell<S, M> {
    if (this.#stopped) {
      throw new MillwrightError(
        'MW_ACTOR_STOPPED',
        `actor runtime is stopping; ${key} not accepted`,
        { key },
      );
    }
    let cell = this.#cells.get(key);
    if (cell === undefined) {
      cell = new ActorCell(parseActorKey(key), this.#deps);
      this.#cells.set(key, cell);
      this.#refreshGauges();
    }
    return cell;
  }

  #armSweep(): void {
    this.#sweep = this.#deps.clock.setTimer(this.#sweepMs, () => {
      if (this.#stopped) return;
      const idleSince = this.#deps.clock.now() - this.#idleMs;
      for (const cell of this.#cells.values()) {
        if (!cell.busy && cell.lastActivityAt <= idleSince) cell.enqueue({ kind: 'passivate' });
      }
      this.#refreshGauges();
      this.#armSweep();
    });
  }

  #refreshGauges(): void {
    let depth = 0;
    for (const cell of this.#cells.values()) depth += cell.mailbox.size;
    this.#deps.metrics.gauges(this.#cells.size, depth);
  }
}
