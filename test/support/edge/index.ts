// Helpers of the edge integration tests (OPC UA trust in opcua-trust.ts: it loads node-opcua).
export { exampleTemplate, plant, plantText, samplesOf, tagOf } from './plant-fixture.ts';
export type { ServerUrls } from './plant-fixture.ts';
export { waitFor } from './wait-for.ts';
export { DELIVERED, deliveredLines } from './delivered-line.ts';
export type { DeliveredLine } from './delivered-line.ts';
export { probeBuffer } from './buffer-probe.ts';
export type { BufferView } from './buffer-probe.ts';
