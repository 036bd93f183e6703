// Public surface of the business lane implementations (DESIGN.md, lane 2): JetStream for
// cluster mode, SQLite for embedded mode, both behind contracts/business-lane.ts.
export type { BusinessLane, DeadLetterEntry, DeadLetterStore, LaneQuery } from './lane.ts';
export { JetStreamLane } from './jetstream-lane.ts';
export type { JetStreamLaneOptions } from './jetstream-lane.ts';
export type { LaneStreamOptions } from './jetstream-streams.ts';
export { SqliteLane } from './sqlite-lane.ts';
export type { SqliteLaneOptions } from './sqlite-lane.ts';
export { appendToLane, ensureLaneSchema } from './sqlite-lane-schema.ts';
export { decodeEvent, encodeEvent } from './event-codec.ts';
