// The shape of an actor kind: a closed message protocol, an initial state and one pure
// `(state, msg, ctx) -> state` behaviour. Effects are requests made through `ctx` and carried
// out by the runtime only after the new state is committed; a behaviour performs no I/O.
import type { AnyBusinessEvent } from '../../contracts/index.ts';
import type { ActorAddress } from './actor-key.ts';

export interface ActorContext<M> {
  readonly address: ActorAddress;
  /** The actor sequence this step commits as, if it changes state or emits. */
  readonly sequence: number;
  /** The injected clock's time, ms since the epoch. */
  readonly now: number;
  /** Business event into the outbox, committed with the state (deterministic eventId). */
  emit(event: AnyBusinessEvent): void;
  /** At-most-once notification, sent after the commit. */
  publish(topic: string, payload: unknown): void;
  /** Delivers `msg` to this actor after `delayMs` (in memory: lost on move or passivation). */
  schedule(delayMs: number, msg: M): void;
  /** Runs `task` on the worker pool; its result comes back as the message `reply(result)`. */
  offload(task: string, input: unknown, reply: (result: unknown) => M): void;
  /** The answer to an ask. */
  reply(value: unknown): void;
}

export type Behavior<S, M> = (state: S, msg: M, ctx: ActorContext<M>) => S;

export interface ActorKind<S, M> {
  readonly name: string;
  initialState(address: ActorAddress): S;
  readonly behavior: Behavior<S, M>;
  /** Validates a message at the boundary; throws MW_ACTOR_MESSAGE_INVALID. */
  parseMessage(raw: unknown): M;
  /** Validates a stored snapshot (states are plain JSON data). */
  parseState(raw: unknown): S;
}

/** What the runtime collected from one behaviour call. */
export class StepEffects<M> {
  readonly events: AnyBusinessEvent[] = [];
  readonly notifications: { topic: string; payload: unknown }[] = [];
  readonly timers: { delayMs: number; msg: M }[] = [];
  readonly offloads: { task: string; input: unknown; reply: (result: unknown) => M }[] = [];
  replied = false;
  replyValue: unknown = undefined;

  context(address: ActorAddress, sequence: number, now: number): ActorContext<M> {
    return {
      address,
      sequence,
      now,
      emit: (event) => this.events.push(event),
      publish: (topic, payload) => this.notifications.push({ topic, payload }),
      schedule: (delayMs, msg) => this.timers.push({ delayMs, msg }),
      offload: (task, input, reply) => this.offloads.push({ task, input, reply }),
      reply: (value) => {
        this.replied = true;
        this.replyValue = value;
      },
    };
  }
}
