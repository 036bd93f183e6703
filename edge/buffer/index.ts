// Public surface of store-and-forward: the durable frame store (a FrameOutlet) and the
// forwarder that drains it to the owning actor.
export { FrameStore } from './frame-store.ts';
export type { FrameStoreOptions, StoredFrame } from './frame-store.ts';
export { Forwarder } from './forwarder.ts';
export type { DeliverFrame, ForwarderOptions } from './forwarder.ts';
