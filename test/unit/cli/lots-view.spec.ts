// `actor lots <key>` renders the lots of a work center: one row per lot with its stock status
// and the QMS decision, "awaiting" while a lot is in quality inspection.
import type { ProducedLot } from '../../../actors/index.ts';
import { renderLots } from '../../../services/cli/repl/lots.repl.ts';

const lot = (over: Partial<ProducedLot>): ProducedLot => ({
  lot: 'L1000123-0020',
  material: 'FG-100',
  order: '1000123',
  operation: '0020',
  quantity: { value: 100, unit: 'ea' },
  status: 'restricted',
  receivedAt: '2026-12-01T06:20:00.000Z',
  decision: null,
  ...over,
});

describe('actor lots view', () => {
  it('shows each lot with its status and decision, and how many await inspection', () => {
    const text = renderLots('P100/WC-ASM', [
      lot({
        status: 'unrestricted',
        decision: {
          eventId: 'e-1',
          outcome: 'released',
          inspectionLot: '890000000001',
          decidedAt: '2026-12-01T07:00:00.000Z',
        },
      }),
      lot({ lot: 'L1000124-0020', order: '1000124' }),
      lot({ lot: 'L1000125-0020', order: '1000125', status: 'unrestricted' }),
    ]);
    expect(text.split('\n')).toEqual([
      expect.stringMatching(
        /^LOT\s+MATERIAL\s+ORDER\s+QUANTITY\s+STATUS\s+RECEIVED\s+QMS DECISION$/,
      ),
      expect.stringMatching(
        /^L1000123-0020\s+FG-100\s+1000123\/0020\s+100 ea\s+unrestricted\s+\S+\s+released 2026-12-01T07:00:00.000Z \(inspection lot 890000000001\)$/,
      ),
      expect.stringMatching(/^L1000124-0020\s.*\srestricted\s+\S+\s+awaiting$/),
      expect.stringMatching(/^L1000125-0020\s.*\sunrestricted\s+\S+\s+-$/),
      '3 lot(s) on P100/WC-ASM, 1 in quality inspection',
    ]);
  });

  it('says so when a work center has no lots', () => {
    expect(renderLots('P100/WC-CUT', []).split('\n').at(-1)).toBe(
      '0 lot(s) on P100/WC-CUT, 0 in quality inspection',
    );
  });
});
