import fc from 'fast-check';
import { deriveEventId, EventId } from '../../../contracts/index.ts';

describe('deterministic event ids', () => {
  const base = { plant: 'P100', workCenter: 'WC-01', sequence: 42, type: 'operation.confirmed.v1' };

  it('gives the same id for the same parts (a replay emits the same ids)', () => {
    expect(deriveEventId(base)).toBe(deriveEventId({ ...base }));
  });

  it('is a valid RFC 9562 version 5 UUID', () => {
    const id = deriveEventId(base);
    expect(EventId.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('changes with every part, ordinal included', () => {
    const ids = new Set([
      deriveEventId(base),
      deriveEventId({ ...base, plant: 'P200' }),
      deriveEventId({ ...base, workCenter: 'WC-02' }),
      deriveEventId({ ...base, sequence: 43 }),
      deriveEventId({ ...base, type: 'goods.received.v1' }),
      deriveEventId({ ...base, ordinal: 1 }),
    ]);
    expect(ids.size).toBe(6);
  });

  it('never collides across random distinct inputs', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 1_000_000 }), { minLength: 2, maxLength: 50 }),
        (sequences) => {
          const ids = sequences.map((sequence) => deriveEventId({ ...base, sequence }));
          return new Set(ids).size === sequences.length;
        },
      ),
    );
  });

  it('refuses a negative or fractional sequence', () => {
    expect(() => deriveEventId({ ...base, sequence: -1 })).toThrow(RangeError);
    expect(() => deriveEventId({ ...base, sequence: 1.5 })).toThrow(RangeError);
  });
});
