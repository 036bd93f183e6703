// Who made a call, as one string for audit records: an explicit `actor` param (REPL), the
// caller meta (`actor`), the gateway's principal (`user: { kind, id }`), or else the node.
import type { Context } from 'moleculer';
import type { CallerMeta } from './correlation.middleware.ts';

interface UserMeta {
  user?: unknown;
}

export function callerOf(ctx: Context<unknown, CallerMeta & UserMeta>, given?: string): string {
  if (given !== undefined && given !== '') return given;
  if (typeof ctx.meta.actor === 'string' && ctx.meta.actor !== '') return ctx.meta.actor;
  const user = ctx.meta.user;
  if (typeof user === 'string' && user !== '') return user;
  if (typeof user === 'object' && user !== null && 'id' in user) {
    const { kind, id } = user as { kind?: unknown; id?: unknown };
    if (typeof id === 'string') return typeof kind === 'string' ? `${kind}:${id}` : id;
  }
  return `node:${ctx.nodeID ?? 'local'}`;
}
