import { HostSession, type Payload } from '../../../edge/sparkplug/index.ts';
import { plant } from '../../support/edge/index.ts';

const payload = (seq: number | undefined, metrics: Payload['metrics']): Payload => ({
  timestampMs: 1,
  seq,
  metrics,
});
const metric = (name: string | undefined, alias: number | undefined, value: unknown) => ({
  name,
  alias,
  timestampMs: undefined,
  type: 'Int64',
  value,
  isNull: false,
});

describe('Sparkplug host session', () => {
  function born() {
    const session = new HostSession(plant({}), 'spb');
    session.handle('NBIRTH', 'line-3', undefined, payload(0, [metric('bdSeq', undefined, 0)]), 1);
    session.handle(
      'DBIRTH',
      'line-3',
      'WC-PACK-1',
      payload(1, [metric('Counters/Good', 7, 0), metric('State', 8, 1)]),
      1,
    );
    return session;
  }

  it('resolves aliases from the birth', () => {
    const outcome = born().handle(
      'DDATA',
      'line-3',
      'WC-PACK-1',
      payload(2, [metric(undefined, 7, 5)]),
      1,
    );
    expect(outcome.samples.map((s) => s.value)).toEqual([5]);
    expect(outcome.gap).toBeUndefined();
  });

  it('reports a seq gap once and asks for one rebirth until the next NBIRTH', () => {
    const session = born();
    const first = session.handle(
      'DDATA',
      'line-3',
      'WC-PACK-1',
      payload(4, [metric(undefined, 7, 5)]),
      1,
    );
    expect(first.gap?.type).toBe('MW_EDGE_SPARKPLUG_SEQUENCE_GAP');
    expect(first.rebirth).toBe(true);
    expect(first.samples).toHaveLength(1);
    const second = session.handle(
      'DDATA',
      'line-3',
      'WC-PACK-1',
      payload(9, [metric(undefined, 7, 6)]),
      1,
    );
    expect(second.rebirth).toBe(false);
  });

  it('wraps seq from 255 to 0 without a gap', () => {
    const session = born();
    for (let seq = 2; seq <= 300; seq += 1) {
      const outcome = session.handle(
        'DDATA',
        'line-3',
        'WC-PACK-1',
        payload(seq % 256, [metric(undefined, 7, seq)]),
        1,
      );
      expect(outcome.gap).toBeUndefined();
    }
  });
});
