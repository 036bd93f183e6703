import { Crosswalk, isMillwrightError } from '../../../contracts/index.ts';

const reasons = {
  plant: 'P100',
  kind: 'reason',
  source: 'line-3-plc',
  entries: [
    { from: '17', to: 'JAM' },
    { from: '42', to: 'MATERIAL-SHORTAGE' },
  ],
};

function errorOf(fn: () => unknown): { type?: string; data?: { issues?: unknown[] } } {
  try {
    fn();
  } catch (error) {
    if (isMillwrightError(error)) return error as never;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('code crosswalk', () => {
  it('translates a mapped code', () => {
    expect(Crosswalk.load(reasons).translate('42')).toBe('MATERIAL-SHORTAGE');
  });

  it('rejects an unmapped code with MW_XWALK_UNMAPPED instead of passing it through', () => {
    const error = errorOf(() => Crosswalk.load(reasons).translate('99'));
    expect(error.type).toBe('MW_XWALK_UNMAPPED');
  });

  it('rejects a source code mapped to two targets, naming the entry', () => {
    const ambiguous = { ...reasons, entries: [...reasons.entries, { from: '17', to: 'BLOCKED' }] };
    const error = errorOf(() => Crosswalk.load(ambiguous));
    expect(error.type).toBe('MW_XWALK_INVALID');
    expect(error.data?.issues).toEqual([expect.objectContaining({ path: ['entries', 2, 'from'] })]);
  });

  it('accepts the same pair twice (idempotent reload)', () => {
    const repeated = { ...reasons, entries: [...reasons.entries, { from: '17', to: 'JAM' }] };
    expect(Crosswalk.load(repeated).translate('17')).toBe('JAM');
  });

  it('rejects a malformed definition with zod issues as data', () => {
    const error = errorOf(() =>
      Crosswalk.load({ plant: 'P100', kind: 'colour', source: 'x', entries: [] }),
    );
    expect(error.type).toBe('MW_XWALK_INVALID');
    expect(error.data?.issues?.length).toBeGreaterThanOrEqual(2);
  });
});
