// Header of a telemetry frame, the edge-to-actor unit of the telemetry lane. The body
// (columnar samples) is binary and decoded by native/; only the header is a zod contract.
import { z } from 'zod';
import { IsoTimestamp } from './envelope.ts';
import { PlantId, SourceId, WorkCenterId } from './ids.ts';

export const FRAME_FORMAT_VERSION = 1;

export const FrameEncoding = z.enum(['columnar', 'records']);
export type FrameEncoding = z.infer<typeof FrameEncoding>;

export const TelemetryFrameHeader = z.strictObject({
  version: z.literal(FRAME_FORMAT_VERSION),
  plant: PlantId,
  workCenter: WorkCenterId,
  source: SourceId,
  /** Per stream (work center, source): 1, 2, 3, ...; the actor de-duplicates re-sent frames by it. */
  frameSeq: z.int().nonnegative(),
  sampleCount: z.int().nonnegative().max(1_000_000),
  encoding: FrameEncoding,
  /** When the edge closed the frame; samples carry their own source timestamps. */
  sealedAt: IsoTimestamp,
  correlationId: z.string().min(1).max(128).optional(),
});
export type TelemetryFrameHeader = z.infer<typeof TelemetryFrameHeader>;
