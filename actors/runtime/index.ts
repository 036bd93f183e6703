// Public surface of the actor runtime: virtual actors with bounded mailboxes, placement by
// rendezvous hashing, fenced durable stores (JetStream KV, SQLite) and the lane publisher.
export { ActorRuntime, RUNTIME_DEFAULTS } from './actor-runtime.ts';
export type { ActorRuntimeOptions, ActorSummary } from './actor-runtime.ts';
export type { StepResult } from './actor-cell.ts';
export { actorKey, parseActorKey } from './actor-key.ts';
export type { ActorAddress } from './actor-key.ts';
export type { ActorContext, ActorKind, Behavior } from './behavior.ts';
export { FakeClock, settle, systemClock } from './clock.ts';
export type { Clock, TimerHandle } from './clock.ts';
export { Mailbox } from './mailbox.ts';
export { ownerOf, planMoves } from './placement.ts';
export type { Move } from './placement.ts';
export { committedIsPublished, noMetrics, outboxPublisherFor, silentLogger } from './ports.ts';
export type {
  ActorCounter,
  ActorLogger,
  ActorMetrics,
  ActorRecord,
  ActorStore,
  Notifier,
  Offloader,
  OutboxPublisher,
  StoredActor,
} from './ports.ts';
export { MemoryActorStore } from './stores/memory-store.ts';
export { SqliteActorStore } from './stores/sqlite-store.ts';
export type { LaneAppender } from './stores/sqlite-store.ts';
export { ACTOR_BUCKET, JetStreamActorStore } from './stores/jetstream-store.ts';
export type { JetStreamStoreOptions } from './stores/jetstream-store.ts';
export {
  ensureBusinessStream,
  JetStreamLanePublisher,
  PUBLISHER_NODE_HEADER,
} from './stores/jetstream-lane-publisher.ts';
