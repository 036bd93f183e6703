// Downtime with its reason along the ISA-95 / plant reason-code tree (root to leaf), so
// analytics can roll it up at any level. Planned stops are excluded from OEE availability.
import { z } from 'zod';
import { businessEvent, IsoTimestamp } from '../envelope.ts';
import { ReasonCode } from '../ids.ts';

export const DowntimeRecorded = businessEvent(
  'downtime.recorded.v1',
  z.strictObject({
    startedAt: IsoTimestamp,
    endedAt: IsoTimestamp,
    durationMs: z.number().nonnegative(),
    reason: ReasonCode,
    /** The path from the tree's root to `reason`, inclusive. */
    reasonPath: z.array(ReasonCode).min(1),
    planned: z.boolean(),
  }),
);
export type DowntimeRecorded = z.infer<typeof DowntimeRecorded>;
