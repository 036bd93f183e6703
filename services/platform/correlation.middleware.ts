// Carries a correlation id through every call and event (DESIGN.md guarantee 6). A root call
// without one gets its Moleculer requestID; nested calls and emitted events inherit ctx.meta,
// so the id travels from the source sample (or order release) to the ERP document number.
import type { ActionHandler, Context, Middleware } from 'moleculer';

export interface CorrelationMeta {
  correlationId?: string;
}

/** Who made the call, set by the entry point (gateway: key id or JWT subject; REPL: user). */
export interface CallerMeta {
  actor?: string;
}

export function ensureCorrelationId(ctx: Context<unknown, CorrelationMeta>): string {
  const existing = ctx.meta.correlationId;
  if (typeof existing === 'string' && existing.length > 0) return existing;
  const id = ctx.requestID ?? ctx.id;
  ctx.meta.correlationId = id;
  return id;
}

function withCorrelation(next: ActionHandler): ActionHandler {
  return function correlated(this: unknown, ctx: Context<unknown, CorrelationMeta>) {
    ensureCorrelationId(ctx);
    return next.call(this, ctx) as unknown;
  };
}

export const correlationMiddleware: Middleware = {
  localAction: withCorrelation,
  localEvent: withCorrelation,
};
