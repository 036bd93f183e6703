// The closed message protocol of the work-center actor. Every message is validated at the
// boundary (host, REPL) with these schemas; inside, the behaviour switches exhaustively on
// `kind`. New business rules add members here (orders released, downtime, ...).
import { z } from 'zod';
import { IsoTimestamp, MaterialCode, ReasonCode, SourceId } from '../../contracts/index.ts';

/**
 * Counter deltas from one input (an aggregated telemetry frame, a counter read): `source`
 * numbers its inputs with `sourceSeq`, strictly increasing and sent in order, so a re-sent
 * input (after a failover) is recognised and has no second effect.
 */
export const CountsReported = z.strictObject({
  kind: z.literal('counts.reported'),
  source: SourceId,
  sourceSeq: z.int().nonnegative(),
  good: z.int().nonnegative(),
  scrap: z.int().nonnegative(),
  occurredAt: IsoTimestamp,
  material: MaterialCode.optional(),
  scrapReason: ReasonCode.optional(),
  correlationId: z.string().min(1).max(128).optional(),
});
export type CountsReported = z.infer<typeof CountsReported>;

/** Asks for the current counts; changes nothing. */
export const CountsRequested = z.strictObject({ kind: z.literal('counts.requested') });
export type CountsRequested = z.infer<typeof CountsRequested>;

export const WorkCenterMessage = z.discriminatedUnion('kind', [CountsReported, CountsRequested]);
export type WorkCenterMessage = z.infer<typeof WorkCenterMessage>;

/** The reply to `counts.reported`. */
export interface CountsReply {
  readonly accepted: boolean;
  /** Why not: the input was at or below the source's high-water mark. */
  readonly duplicate: boolean;
}
