// Helpers of the edge integration tests (OPC UA trust in opcua-trust.ts: it loads node-opcua).
export { exampleTemplate, plant, plantText, samplesOf, tagOf } from './plant-fixture.ts';
export type { ServerUrls } from './plant-fixture.ts';
export { waitFor } from './wait-for.ts';
