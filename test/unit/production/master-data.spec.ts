import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMillwrightError, type MillwrightError } from '../../../contracts/index.ts';
import { MasterDataStore } from '../../../production/index.ts';
import { masterDataP100 } from '../../fixtures/production/plant-p100.ts';

function failure(fn: () => unknown): MillwrightError {
  try {
    fn();
  } catch (error) {
    if (isMillwrightError(error)) return error;
    throw error;
  }
  throw new Error('expected a MillwrightError');
}

describe('master data store', () => {
  let store: MasterDataStore;
  beforeEach(() => {
    store = new MasterDataStore(':memory:');
  });
  afterEach(() => {
    store.close();
  });

  it('loads a set and answers lookups from it', () => {
    expect(store.load(masterDataP100).counts).toEqual({
      materials: 3,
      workCenters: 2,
      routings: 1,
      reasonCodes: 3,
    });
    const data = store.get('P100');
    expect(data.material('RM-STEEL').baseUnit).toBe('kg');
    expect(data.routing('R-FG-100').currentRevision).toBe('B');
    expect(data.reasonPath('JAM')).toEqual(['DOWN', 'JAM']);
  });

  it('reports every integrity problem of a set at once and loads nothing', () => {
    const broken = {
      ...masterDataP100,
      materials: [
        ...masterDataP100.materials,
        { code: 'CP-BOLT', type: 'component', baseUnit: 'furlong' },
      ],
      routings: [
        {
          ...masterDataP100.routings[0],
          material: 'FG-999',
          operations: [{ operation: '0010', workCenter: 'WC-NOPE' }],
        },
      ],
      reasonCodes: [
        { code: 'A', parent: 'B', kind: 'downtime' },
        { code: 'B', parent: 'A', kind: 'downtime' },
        { code: 'C', parent: 'MISSING', kind: 'scrap' },
      ],
    };
    const error = failure(() => store.load(broken));
    expect(error.type).toBe('MW_MASTERDATA_INVALID');
    const paths = (error.data as { issues: { path: unknown[] }[] }).issues.map((i) =>
      i.path.join('.'),
    );
    expect(paths.sort()).toEqual(
      [
        'materials.3',
        'materials.3.baseUnit',
        'reasonCodes.0.parent',
        'reasonCodes.1.parent',
        'reasonCodes.2.parent',
        'routings.0.material',
        'routings.0.operations.0.workCenter',
      ].sort(),
    );
    expect(failure(() => store.get('P100')).type).toBe('MW_MASTERDATA_NOT_LOADED');
  });

  it('rejects a malformed set with zod issues', () => {
    const error = failure(() => store.load({ plant: 'P100', version: 0, materials: 'none' }));
    expect(error.type).toBe('MW_CONTRACT_INVALID');
    expect((error.data as { issues: unknown[] }).issues.length).toBeGreaterThanOrEqual(2);
  });

  it('only moves versions forward', () => {
    store.load(masterDataP100);
    expect(failure(() => store.load(masterDataP100)).type).toBe('MW_MASTERDATA_STALE_VERSION');
    store.load({
      ...masterDataP100,
      version: 2,
      materials: [
        ...masterDataP100.materials,
        { code: 'CP-NUT', type: 'component', baseUnit: 'ea' },
      ],
    });
    expect(store.get('P100').version).toBe(2);
    expect(store.versions('P100').map((v) => v.version)).toEqual([1, 2]);
  });

  it('answers MW_MASTERDATA_NOT_FOUND for an unknown record', () => {
    store.load(masterDataP100);
    expect(failure(() => store.get('P100').material('FG-999')).type).toBe(
      'MW_MASTERDATA_NOT_FOUND',
    );
  });

  it('keeps loaded versions across a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-md-'));
    try {
      const first = new MasterDataStore(join(dir, 'p.sqlite'));
      first.load(masterDataP100);
      first.close();
      const second = new MasterDataStore(join(dir, 'p.sqlite'));
      expect(second.get('P100').version).toBe(1);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
