// The work-center behaviour: pure `(state, msg, ctx) -> state`. Today it counts good and
// scrap per source with de-duplication by high-water mark and declares scrap on the business
// lane; business rules (orders, confirmations, downtime) extend the switch. No I/O here.
import {
  deriveEventId,
  SCHEMA_VERSION,
  type MaterialCode,
  type ReasonCode,
  type ScrapDeclared,
} from '../../contracts/index.ts';
import type { ActorContext } from '../runtime/index.ts';
import type { CountsReply, CountsReported, WorkCenterMessage } from './protocol.ts';
import type { WorkCenterState } from './state.ts';

/** Placeholder codes until order context supplies the real material and reason. */
export const UNASSIGNED_MATERIAL = 'UNASSIGNED' as MaterialCode;
export const UNSPECIFIED_REASON = 'UNSPECIFIED' as ReasonCode;

export function workCenterBehavior(
  state: WorkCenterState,
  msg: WorkCenterMessage,
  ctx: ActorContext<WorkCenterMessage>,
): WorkCenterState {
  switch (msg.kind) {
    case 'counts.reported':
      return countsReported(state, msg, ctx);
    case 'counts.requested':
      ctx.reply({ good: state.good, scrap: state.scrap, inputs: state.inputs });
      return state;
    default:
      return assertNever(msg);
  }
}

function countsReported(
  state: WorkCenterState,
  msg: CountsReported,
  ctx: ActorContext<WorkCenterMessage>,
): WorkCenterState {
  const source = state.sources[msg.source] ?? { highWater: -1, good: 0, scrap: 0 };
  if (msg.sourceSeq <= source.highWater) {
    ctx.reply({ accepted: false, duplicate: true } satisfies CountsReply);
    return state;
  }
  const causationId = `${msg.source}:${msg.sourceSeq}`;
  if (msg.scrap > 0) ctx.emit(scrapDeclared(msg, ctx, causationId));
  ctx.publish('workcenter.counts.changed', {
    key: ctx.address.key,
    sequence: ctx.sequence,
    good: state.good + msg.good,
    scrap: state.scrap + msg.scrap,
  });
  ctx.reply({ accepted: true, duplicate: false } satisfies CountsReply);
  return {
    ...state,
    good: state.good + msg.good,
    scrap: state.scrap + msg.scrap,
    inputs: state.inputs + 1,
    sources: {
      ...state.sources,
      [msg.source]: {
        highWater: msg.sourceSeq,
        good: source.good + msg.good,
        scrap: source.scrap + msg.scrap,
      },
    },
    lastInputAt: msg.occurredAt,
  };
}

function scrapDeclared(
  msg: CountsReported,
  ctx: ActorContext<WorkCenterMessage>,
  causationId: string,
): ScrapDeclared {
  const { plant, workCenter } = ctx.address;
  const type = 'scrap.declared.v1';
  return {
    eventId: deriveEventId({ plant, workCenter, sequence: ctx.sequence, type }),
    schemaVersion: SCHEMA_VERSION,
    type,
    correlationId: (msg.correlationId ?? causationId) as ScrapDeclared['correlationId'],
    causationId,
    plant,
    workCenter,
    sequence: ctx.sequence,
    occurredAt: msg.occurredAt,
    recordedAt: new Date(ctx.now).toISOString(),
    timestampSource: 'edge',
    origin: { kind: 'device', id: msg.source },
    status: 'recorded',
    payload: {
      material: msg.material ?? UNASSIGNED_MATERIAL,
      quantity: { value: msg.scrap, unit: 'ea' },
      reason: msg.scrapReason ?? UNSPECIFIED_REASON,
    },
  };
}

function assertNever(msg: never): never {
  throw new Error(`unhandled work-center message ${JSON.stringify(msg)}`);
}
