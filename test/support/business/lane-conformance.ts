// The behaviour every business lane must show (contracts/business-lane.ts), run against both
// implementations: de-duplication, order per work center across delayed retries, dead letters
// written before the ack, type filters, durability across a reopen, finding events for the trace.
import type { AnyBusinessEvent, LaneDelivery } from '../../../contracts/index.ts';
import type { BusinessLane } from '../../../connectors/lane/index.ts';
import { sleep, waitFor } from '../wait-for.ts';
import { goodsReceived, materialConsumed, operationConfirmed } from './events.ts';

export interface LaneUnderTest {
  readonly lane: BusinessLane;
  /** Closes the lane and opens it again on the same storage (a process restart). */
  reopen(): Promise<BusinessLane>;
  /** Stores a message that is not a business event, as a broken publisher would. */
  publishRaw(text: string): Promise<void>;
  dispose(): Promise<void>;
}

interface Seen {
  readonly eventId: string;
  readonly workCenter: string;
  readonly sequence: number;
  readonly attempt: number;
  readonly at: number;
}

export interface LaneTraits {
  /** The retry gate of a work center survives a restart (SQLite: yes; JetStream: per process). */
  readonly orderSurvivesRestart: boolean;
}

export function laneConformance(make: () => Promise<LaneUnderTest>, traits: LaneTraits): void {
  let subject: LaneUnderTest;
  beforeEach(async () => {
    subject = await make();
  });
  afterEach(async () => {
    await subject.dispose();
  });

  async function consumeAll(
    lane: BusinessLane,
    name: string,
    types: readonly string[],
    settle: (d: LaneDelivery) => Promise<void> = (d) => d.ack(),
  ) {
    const seen: Seen[] = [];
    const subscription = await lane.consume(name, types, async (d) => {
      seen.push({
        eventId: d.event.eventId,
        workCenter: d.event.workCenter,
        sequence: d.event.sequence,
        attempt: d.attempt,
        at: Date.now(),
      });
      await settle(d);
    });
    return { seen, subscription };
  }

  it('stores an eventId published twice once and delivers it once', async () => {
    const event = operationConfirmed({ workCenter: 'WC-01', sequence: 1 });
    expect(await subject.lane.publish(event)).toEqual({ duplicate: false });
    expect(await subject.lane.publish(event)).toEqual({ duplicate: true });
    const { seen, subscription } = await consumeAll(subject.lane, 'erp', []);
    await waitFor('one delivery', () => seen.length === 1);
    await sleep(300);
    await subscription.stop();
    expect(seen.map((s) => s.eventId)).toEqual([event.eventId]);
  });

  it('finds the events of a correlation id, or by event id, in lane order (the trace)', async () => {
    const step = [
      operationConfirmed({ workCenter: 'WC-T', sequence: 3 }),
      goodsReceived({ workCenter: 'WC-T', sequence: 3 }),
    ];
    const other = materialConsumed({ workCenter: 'WC-T', sequence: 4 });
    for (const e of [step[0]!, other, step[1]!]) await subject.lane.publish(e);
    const found = await subject.lane.find({ correlationId: step[0]!.correlationId });
    expect(found.map((e) => e.eventId)).toEqual(step.map((e) => e.eventId));
    expect(found[1]).toEqual(step[1]);
    const byId = await subject.lane.find({ eventIds: [other.eventId] });
    expect(byId.map((e) => e.eventId)).toEqual([other.eventId]);
    expect(await subject.lane.find({ correlationId: 'nobody' })).toEqual([]);
  });

  it('delivers a work center in sequence order across a delayed retry', async () => {
    const events: AnyBusinessEvent[] = [];
    for (let s = 1; s <= 4; s += 1) {
      events.push(materialConsumed({ workCenter: 'WC-A', sequence: s }));
      events.push(materialConsumed({ workCenter: 'WC-B', sequence: s }));
    }
    for (const e of events) await subject.lane.publish(e);
    const { seen, subscription } = await consumeAll(subject.lane, 'erp', [], async (d) => {
      if (d.event.workCenter === 'WC-A' && d.event.sequence === 2 && d.attempt < 3) {
        await d.retryLater(300);
        return;
      }
      await d.ack();
    });
    await waitFor('8 events acked', () => new Set(seen.map((s) => s.eventId)).size === 8);
    await subscription.stop();
    const firstDone = (wc: string) =>
      seen.filter(
        (s) => s.workCenter === wc && !(wc === 'WC-A' && s.sequence === 2 && s.attempt < 3),
      );
    expect(firstDone('WC-A').map((s) => s.sequence)).toEqual([1, 2, 3, 4]);
    expect(firstDone('WC-B').map((s) => s.sequence)).toEqual([1, 2, 3, 4]);
    const retried = seen.filter((s) => s.workCenter === 'WC-A' && s.sequence === 2);
    expect(retried.map((s) => s.attempt)).toEqual([1, 2, 3]);
    // Delayed, not immediate: each retry came at least its delay after the previous attempt.
    expect(retried[1]!.at - retried[0]!.at).toBeGreaterThanOrEqual(250);
    expect(retried[2]!.at - retried[1]!.at).toBeGreaterThanOrEqual(250);
  });

  it('dead-letters with code, message and attempts, and acknowledges the original', async () => {
    const poison = materialConsumed({ workCenter: 'WC-01', sequence: 7, material: 'NOPE' });
    const fine = materialConsumed({ workCenter: 'WC-01', sequence: 8 });
    await subject.lane.publish(poison);
    await subject.lane.publish(fine);
    const { seen, subscription } = await consumeAll(subject.lane, 'erp', [], async (d) => {
      if (d.event.eventId !== poison.eventId) return d.ack();
      if (d.attempt < 2) return d.retryLater(50);
      return d.deadLetter({
        code: 'MW_ERP_MASTER_DATA_MISSING',
        message: 'material NOPE does not exist',
        data: { erp: { code: 'M3/305' } },
      });
    });
    await waitFor('both settled', () => seen.some((s) => s.eventId === fine.eventId));
    await sleep(300);
    await subscription.stop();
    expect(seen.filter((s) => s.eventId === poison.eventId)).toHaveLength(2);
    const letters = await subject.lane.deadLetters.list('erp');
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter).toMatchObject({
      consumer: 'erp',
      attempts: 2,
      event: { eventId: poison.eventId },
      reason: {
        code: 'MW_ERP_MASTER_DATA_MISSING',
        message: 'material NOPE does not exist',
        data: { erp: { code: 'M3/305' } },
      },
    });
    expect(await subject.lane.deadLetters.get(letter!.id)).toEqual(letter);
    // Acknowledged: a new subscription of the same durable consumer gets nothing.
    const again = await consumeAll(subject.lane, 'erp', []);
    await sleep(500);
    await again.subscription.stop();
    expect(again.seen).toEqual([]);
    expect(await subject.lane.deadLetters.remove(letter!.id)).toBe(true);
    expect(await subject.lane.deadLetters.list('erp')).toEqual([]);
    expect(await subject.lane.deadLetters.remove(letter!.id)).toBe(false);
  });

  it('passes only the event types a consumer asked for', async () => {
    await subject.lane.publish(operationConfirmed({ workCenter: 'WC-01', sequence: 1 }));
    await subject.lane.publish(goodsReceived({ workCenter: 'WC-01', sequence: 2 }));
    await subject.lane.publish(operationConfirmed({ workCenter: 'WC-01', sequence: 3 }));
    const { seen, subscription } = await consumeAll(subject.lane, 'qms', ['goods.received.v1']);
    await waitFor('the goods receipt', () => seen.length === 1);
    await sleep(300);
    await subscription.stop();
    expect(seen.map((s) => s.sequence)).toEqual([2]);
  });

  it('resumes a durable consumer where it stopped after a restart', async () => {
    for (let s = 1; s <= 6; s += 1)
      await subject.lane.publish(operationConfirmed({ workCenter: 'WC-01', sequence: s }));
    const first = await consumeAll(subject.lane, 'erp', [], async (d) => {
      if (d.event.sequence <= 3) await d.ack();
      else await d.retryLater(60_000);
    });
    await waitFor('first three acked, the fourth parked', () => first.seen.length === 4);
    await first.subscription.stop();
    const lane = await subject.reopen();
    await lane.publish(operationConfirmed({ workCenter: 'WC-01', sequence: 7 }));
    const second = await consumeAll(lane, 'erp', [], (d) => d.ack());
    // Acked events do not come back; the parked retry (60 s) is not due; other work centers flow.
    await lane.publish(operationConfirmed({ workCenter: 'WC-02', sequence: 1 }));
    await waitFor('WC-02 delivered', () => second.seen.some((s) => s.workCenter === 'WC-02'));
    await sleep(300);
    await second.subscription.stop();
    const wc01 = second.seen.filter((s) => s.workCenter === 'WC-01').map((s) => s.sequence);
    expect(wc01.filter((sequence) => sequence <= 6)).toEqual([]);
    if (traits.orderSurvivesRestart) expect(wc01).toEqual([]);
  });

  it('dead-letters a lane message that is not a business event', async () => {
    await subject.publishRaw('{"hello":"world"}');
    const { seen, subscription } = await consumeAll(subject.lane, 'erp', []);
    await waitFor(
      'a dead letter',
      async () => (await subject.lane.deadLetters.list('erp')).length === 1,
    );
    await subscription.stop();
    expect(seen).toEqual([]);
    const [letter] = await subject.lane.deadLetters.list('erp');
    expect(letter).toMatchObject({ event: null, raw: '{"hello":"world"}' });
    expect(letter!.reason.code).toBe('MW_LANE_UNDECODABLE');
  });
}
