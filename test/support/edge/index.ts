// Helpers of the edge integration tests.
export { exampleTemplate, plant, plantText, samplesOf, tagOf } from './plant-fixture.ts';
export type { ServerUrls } from './plant-fixture.ts';
export { waitFor } from './wait-for.ts';
