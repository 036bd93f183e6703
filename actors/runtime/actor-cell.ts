// One activation of one actor: its mailbox, its in-memory state and the step loop that takes
// one entry at a time: behaviour, durable commit (state + outbox, fenced), then effects.
// Lifecycle (passivate, release) arrives as mailbox entries, so it never overtakes a message.
// Must not decide placement: the runtime and the host do.
import { performance } from 'node:perf_hooks';
import {
  isMillwrightError,
  MillwrightError,
  type AnyBusinessEvent,
} from '../../contracts/index.ts';
import type { ActorAddress } from './actor-key.ts';
import { StepEffects, type ActorKind } from './behavior.ts';
import type { Clock, TimerHandle } from './clock.ts';
import { Mailbox } from './mailbox.ts';
import type {
  ActorLogger,
  ActorMetrics,
  ActorStore,
  Notifier,
  Offloader,
  OutboxPublisher,
} from './ports.ts';

export interface StepResult {
  /** Actor sequence after the step. */
  readonly sequence: number;
  /** False when the step changed nothing (a duplicate input, a query). */
  readonly committed: boolean;
  readonly reply: unknown;
}

export type CellEntry<M> =
  | {
      readonly kind: 'message';
      readonly msg: M;
      resolve(result: StepResult): void;
      reject(error: unknown): void;
    }
  | { readonly kind: 'passivate' }
  | { readonly kind: 'flush' }
  | { readonly kind: 'release'; readonly reason: 'moved' | 'stopped'; done(): void };

export interface CellDeps<S, M> {
  readonly kind: ActorKind<S, M>;
  readonly store: ActorStore;
  readonly publisher: OutboxPublisher;
  readonly clock: Clock;
  readonly metrics: ActorMetrics;
  readonly logger: ActorLogger;
  readonly offloader: Offloader | undefined;
  readonly notifier: Notifier | undefined;
  readonly mailboxCapacity: number;
  readonly flushRetryMs: number;
  /** Where timer and offload results go (the host routes them to the current owner). */
  deliverLater(key: string, msg: M): void;
  closed(cell: ActorCell<S, M>): void;
}

export class ActorCell<S, M> {
  readonly address: ActorAddress;
  readonly mailbox: Mailbox<CellEntry<M>>;
  #deps: CellDeps<S, M>;
  #running = false;
  #closed = false;
  #loaded = false;
  #state: S | undefined;
  #seq = 0;
  #version = 0;
  #unpublished: readonly AnyBusinessEvent[] = [];
  /** The stored record still lists events that were published since: snapshot clears it. */
  #recordOutboxDirty = false;
  #timers = new Set<TimerHandle>();
  #flushTimer: TimerHandle | undefined;
  #pendingOffloads = 0;
  lastActivityAt: number;

  constructor(address: ActorAddress, deps: CellDeps<S, M>) {
    this.address = address;
    this.#deps = deps;
    this.mailbox = new Mailbox(deps.mailboxCapacity);
    this.lastActivityAt = deps.clock.now();
  }

  get closed(): boolean {
    return this.#closed;
  }
  get busy(): boolean {
    return (
      this.#running || this.mailbox.size > 0 || this.#timers.size > 0 || this.#pendingOffloads > 0
    );
  }
  get sequence(): number {
    return this.#seq;
  }
  get version(): number {
    return this.#version;
  }
  /** The in-memory state, undefined until the first message loaded it. */
  get state(): S | undefined {
    return this.#state;
  }
  get unpublished(): number {
    return this.#unpublished.length;
  }

  /** Queues an entry; MW_ACTOR_BUSY when the mailbox is full (lifecycle entries always fit). */
  enqueue(entry: CellEntry<M>): void {
    this.mailbox.push(entry, this.address.key, entry.kind !== 'message');
    if (!this.#running) void this.#run();
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      for (let entry = this.mailbox.shift(); entry !== undefined; entry = this.mailbox.shift()) {
        if (this.#closed) {
          this.#refuse(entry, 'MW_ACTOR_MOVING');
          continue;
        }
        await this.#handle(entry);
      }
    } finally {
      this.#running = false;
    }
  }

  async #handle(entry: CellEntry<M>): Promise<void> {
    switch (entry.kind) {
      case 'message':
        await this.#step(entry);
        return;
      case 'flush':
        await this.#flush();
        return;
      case 'passivate':
        if (this.mailbox.size > 0 || this.#timers.size > 0 || this.#pendingOffloads > 0) return;
        await this.#snapshot();
        if (this.mailbox.size === 0) {
          this.#deps.metrics.count('passivations');
          this.#close('MW_ACTOR_MOVING');
        }
        return;
      case 'release':
        await this.#snapshot();
        if (entry.reason === 'moved') this.#deps.metrics.count('moves');
        this.#close(entry.reason === 'moved' ? 'MW_ACTOR_MOVING' : 'MW_ACTOR_STOPPED');
        entry.done();
        return;
    }
  }

  async #step(entry: Extract<CellEntry<M>, { kind: 'message' }>): Promise<void> {
    const deps = this.#deps;
    try {
      if (!this.#loaded) await this.#activate();
    } catch (error) {
      entry.reject(error);
      return;
    }
    const state = this.#state as S;
    const effects = new StepEffects<M>();
    const sequence = this.#seq + 1;
    let next: S;
    try {
      next = deps.kind.behavior(
        state,
        entry.msg,
        effects.context(this.address, sequence, deps.clock.now()),
      );
    } catch (cause) {
      deps.metrics.count('behaviorFailures');
      deps.logger.error({ key: this.address.key, err: cause }, 'actor behaviour threw');
      entry.reject(
        new MillwrightError(
          'MW_ACTOR_BEHAVIOR_FAILED',
          `behaviour of ${this.address.key} threw`,
          { key: this.address.key },
          { cause },
        ),
      );
      return;
    }
    this.lastActivityAt = deps.clock.now();
    if (next === state && effects.events.length === 0) {
      this.#afterCommit(effects);
      entry.resolve({ sequence: this.#seq, committed: false, reply: effects.replyValue });
      return;
    }
    try {
      await this.#commit(sequence, next, [...this.#unpublished, ...effects.events]);
    } catch (error) {
      entry.reject(error);
      return;
    }
    this.#state = next;
    this.#afterCommit(effects);
    entry.resolve({ sequence, committed: true, reply: effects.replyValue });
    await this.#flush();
  }

  async #activate(): Promise<void> {
    const deps = this.#deps;
    const stored = await deps.store.load(this.address.key);
    if (stored === undefined) {
      this.#state = deps.kind.initialState(this.address);
      this.#seq = 0;
      this.#version = 0;
      this.#unpublished = [];
    } else {
      this.#state = deps.kind.parseState(stored.state);
      this.#seq = stored.seq;
      this.#version = stored.version;
      this.#unpublished = stored.outbox;
    }
    this.#recordOutboxDirty = this.#unpublished.length > 0;
    this.#loaded = true;
    deps.metrics.count('activations');
    // A previous owner may have died between commit and publish: the lane de-duplicates.
    await this.#flush();
  }

  async #commit(seq: number, state: S, outbox: readonly AnyBusinessEvent[]): Promise<void> {
    const deps = this.#deps;
    const started = performance.now();
    try {
      this.#version = await deps.store.commit(this.address.key, this.#version, {
        seq,
        state,
        outbox,
      });
    } catch (error) {
      if (isMillwrightError(error, 'MW_ACTOR_FENCED')) {
        deps.metrics.count('fencedCommits');
        deps.logger.warn(
          { key: this.address.key, seq },
          'commit fenced: another node owns this actor',
        );
        this.#close('MW_ACTOR_FENCED');
      } else {
        // Unknown outcome: forget the activation; the next message reloads what was stored.
        this.#loaded = false;
      }
      throw error;
    }
    deps.metrics.snapshotLatency(performance.now() - started);
    this.#seq = seq;
    this.#unpublished = outbox;
    this.#recordOutboxDirty = outbox.length > 0 && deps.store.kind !== 'sqlite';
  }

  async #flush(): Promise<void> {
    if (this.#unpublished.length === 0 || this.#closed) return;
    const events = this.#unpublished;
    try {
      await this.#deps.publisher.publish(events);
      this.#unpublished = this.#unpublished.slice(events.length);
    } catch (error) {
      this.#deps.logger.warn(
        { key: this.address.key, err: error },
        'outbox publish failed; retrying later',
      );
      this.#flushTimer ??= this.#deps.clock.setTimer(this.#deps.flushRetryMs, () => {
        this.#flushTimer = undefined;
        if (!this.#closed) this.enqueue({ kind: 'flush' });
      });
    }
  }

  /** Before passivation or a move: publish, then clear the stored outbox if it is stale. */
  async #snapshot(): Promise<void> {
    if (!this.#loaded) return;
    await this.#flush();
    if (!this.#recordOutboxDirty || this.#unpublished.length > 0 || this.#closed) return;
    try {
      await this.#commit(this.#seq, this.#state as S, []);
    } catch (error) {
      this.#deps.logger.warn({ key: this.address.key, err: error }, 'snapshot failed');
    }
  }

  #afterCommit(effects: StepEffects<M>): void {
    const deps = this.#deps;
    const key = this.address.key;
    for (const n of effects.notifications) deps.notifier?.(n.topic, n.payload);
    for (const t of effects.timers) {
      const handle = deps.clock.setTimer(t.delayMs, () => {
        this.#timers.delete(handle);
        deps.deliverLater(key, t.msg);
      });
      this.#timers.add(handle);
    }
    for (const o of effects.offloads) {
      if (deps.offloader === undefined) {
        deps.logger.error(
          { key, task: o.task },
          'offload requested but no worker pool is configured',
        );
        continue;
      }
      this.#pendingOffloads++;
      deps
        .offloader(o.task, o.input)
        .then((result) => {
          deps.deliverLater(key, o.reply(result));
        })
        .catch((error: unknown) => {
          deps.logger.error({ key, task: o.task, err: error }, 'offloaded task failed');
        })
        .finally(() => {
          this.#pendingOffloads--;
        });
    }
  }

  #refuse(
    entry: CellEntry<M>,
    code: 'MW_ACTOR_MOVING' | 'MW_ACTOR_FENCED' | 'MW_ACTOR_STOPPED',
  ): void {
    if (entry.kind === 'message') {
      entry.reject(
        new MillwrightError(code, `actor ${this.address.key} is no longer active here`, {
          key: this.address.key,
        }),
      );
    } else if (entry.kind === 'release') {
      entry.done();
    }
  }

  #close(code: 'MW_ACTOR_MOVING' | 'MW_ACTOR_FENCED' | 'MW_ACTOR_STOPPED'): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) timer.cancel();
    this.#timers.clear();
    this.#flushTimer?.cancel();
    for (const entry of this.mailbox.drain()) this.#refuse(entry, code);
    this.#deps.closed(this);
  }
}
