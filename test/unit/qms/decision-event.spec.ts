// A QMS usage decision becomes the quality event it means, in the envelope of the hold it
// answers, with an id derived from the hold's: the same decision seen twice is the same event.
import { deriveEventId, QualityRejected, QualityReleased } from '../../../contracts/index.ts';
import { decisionEvent, type UsageDecision } from '../../../connectors/qms/index.ts';
import { qualityHold } from '../../support/business/events.ts';

const hold = qualityHold({ workCenter: 'WC-01', sequence: 9, lot: 'L-9', quantity: 12 });
const decided = (over: Partial<UsageDecision>): UsageDecision => ({
  seq: 1,
  inspectionLot: '890000000001',
  decision: 'accepted',
  disposition: null,
  reason: '',
  decidedBy: 'inspector-1',
  decidedAt: '2025-03-14T12:00:00.000Z',
  ...over,
});

describe('QMS decision event', () => {
  it("releases the hold's lot under the hold's correlation, caused by the hold, timed by QMS", () => {
    const event = decisionEvent(hold, decided({}), new Date('2025-03-14T12:00:01.000Z'));
    expect(QualityReleased.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: 'quality.released.v1',
      correlationId: hold.correlationId,
      causationId: hold.eventId,
      plant: 'P100',
      workCenter: 'WC-01',
      sequence: 9,
      productionOrder: hold.productionOrder,
      occurredAt: '2025-03-14T12:00:00.000Z',
      timestampSource: 'qms',
      origin: { kind: 'operator', id: 'inspector-1' },
      payload: {
        lot: 'L-9',
        material: 'FG-BRACKET',
        quantity: { value: 12, unit: 'ea' },
        inspectionLot: '890000000001',
      },
    });
  });

  it('rejects to blocked stock unless the QMS said scrap, with its reason', () => {
    const blocked = decisionEvent(
      hold,
      decided({ decision: 'rejected', reason: 'leak' }),
      new Date(),
    );
    const scrap = decisionEvent(
      hold,
      decided({ decision: 'rejected', disposition: 'scrap' }),
      new Date(),
    );
    expect(QualityRejected.parse(blocked).payload).toMatchObject({
      disposition: 'blocked',
      reason: 'leak',
    });
    expect(QualityRejected.parse(scrap).payload.disposition).toBe('scrap');
  });

  it('derives the same id for the same decision, another per type, none an actor would derive', () => {
    const a = decisionEvent(hold, decided({}), new Date(1));
    const b = decisionEvent(hold, decided({ seq: 7 }), new Date(2));
    const rejected = decisionEvent(hold, decided({ decision: 'rejected' }), new Date(3));
    expect(a.eventId).toBe(b.eventId);
    expect(rejected.eventId).not.toBe(a.eventId);
    const actorIds = [0, 1, 2].map((ordinal) =>
      deriveEventId({ plant: 'P100', workCenter: 'WC-01', sequence: 9, type: a.type, ordinal }),
    );
    expect(actorIds).not.toContain(a.eventId);
  });
});
