// Drives one work-center actor through the real runtime with no broker: a memory store (state
// round-trips through JSON like a durable one), a fake clock, and a publisher that records
// the committed events in lane order. Messages are validated as the host would.
import {
  ActorRuntime,
  FakeClock,
  MemoryActorStore,
  workCenterKind,
  type StepResult,
  type WorkCenterState,
} from '../../runtime/imports.ts';
import { ProductionOrder, type AnyBusinessEvent } from '../../../../../contracts/index.ts';
import { orderFor } from '../../../../fixtures/production/plant-p100.ts';

export const T0 = Date.UTC(2026, 11, 1, 6, 0, 0);
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export class Line {
  readonly key: string;
  readonly events: AnyBusinessEvent[] = [];
  readonly clock = new FakeClock(T0);
  readonly runtime: ActorRuntime<WorkCenterState, ReturnType<typeof workCenterKind.parseMessage>>;

  constructor(
    key = 'P100/WC-CUT',
    readonly store = new MemoryActorStore(),
  ) {
    this.key = key;
    this.runtime = new ActorRuntime({
      kind: workCenterKind,
      store,
      clock: this.clock,
      publisher: {
        publish: (events) => {
          this.events.push(...events);
          return Promise.resolve();
        },
      },
    });
  }

  send(raw: unknown): Promise<StepResult> {
    return this.runtime.ask(this.key, workCenterKind.parseMessage(raw));
  }

  /** Sends and returns the reply; fails the test if the actor refused. */
  async ok(raw: unknown): Promise<Record<string, unknown>> {
    const { reply } = await this.send(raw);
    if (typeof reply === 'object' && reply !== null && 'rejected' in reply) {
      throw new Error(`refused: ${JSON.stringify(reply)}`);
    }
    return reply as Record<string, unknown>;
  }

  /** The code of a refusal (undefined when accepted) and whether the step committed. */
  async refusal(raw: unknown): Promise<{ type: string | undefined; committed: boolean }> {
    const { reply, committed } = await this.send(raw);
    const rejected = (reply as { rejected?: { type: string } } | undefined)?.rejected;
    return { type: rejected?.type, committed };
  }

  async state(): Promise<WorkCenterState> {
    const view = await this.runtime.inspect(this.key);
    if (view === undefined) throw new Error(`${this.key} has no state`);
    return view.state;
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }

  ofType(type: string): AnyBusinessEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  stop(): Promise<void> {
    return this.runtime.stop();
  }
}

export function release(overrides: Record<string, unknown> = {}, correlationId = 'erp-rel-1') {
  return {
    kind: 'order.released',
    order: ProductionOrder.parse(orderFor(overrides)),
    correlationId,
  };
}

export function counts(source: string, sourceSeq: number, good: number, scrap = 0, minute = 1) {
  return {
    kind: 'counts.reported',
    source,
    sourceSeq,
    good,
    scrap,
    occurredAt: at(minute),
  };
}

export function scan(
  sourceSeq: number,
  bomItem: string,
  value: number,
  unit: string,
  lot = 'COIL-7',
) {
  return {
    kind: 'consumption.recorded',
    source: 'scanner-1',
    sourceSeq,
    via: 'scan',
    bomItem,
    quantity: { value, unit },
    lot,
    occurredAt: at(2),
  };
}
