// What every adapter does with input it cannot map: count it under its MW_* code, log it once
// with the reason, and keep it in the quarantine for replay. Never throws: a bad message must
// not take the adapter down.
import { isMillwrightError } from '../../contracts/index.ts';
import { silentLogger, type EdgeLogger, type EdgeMetrics } from '../common/index.ts';
import type { Quarantine } from './quarantine-store.ts';

export interface RejectContext {
  readonly source: string;
  readonly logger: EdgeLogger;
  readonly metrics: EdgeMetrics;
  readonly quarantine: Quarantine | undefined;
}

/** An adapter's reject context: its source, its logger (silent when none), its counters. */
export function rejectContextOf(
  options: {
    readonly source: string;
    readonly logger?: EdgeLogger;
    readonly quarantine?: Quarantine;
  },
  metrics: EdgeMetrics,
): RejectContext {
  return {
    source: options.source,
    logger: options.logger ?? silentLogger,
    metrics,
    quarantine: options.quarantine,
  };
}

/** Returns the MW_* code the input was rejected with. */
export function rejectInput(
  context: RejectContext,
  address: string,
  payload: Uint8Array,
  error: unknown,
): string {
  const code = isMillwrightError(error) ? error.type : 'MW_EDGE_PAYLOAD_MALFORMED';
  const reason = error instanceof Error ? error.message : String(error);
  context.metrics.increment('rejected');
  context.metrics.increment(`rejected.${code}`);
  context.logger.warn({ code, source: context.source, address, reason }, 'input rejected');
  try {
    context.quarantine?.put({
      source: context.source,
      address,
      code,
      reason,
      payload,
      receivedAtMs: Date.now(),
    });
  } catch (storeError) {
    context.logger.error(
      { code, source: context.source, err: (storeError as Error).message },
      'quarantine write failed',
    );
  }
  return code;
}
