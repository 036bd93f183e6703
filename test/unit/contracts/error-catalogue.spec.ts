import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  errorCatalogue,
  isMillwrightError,
  lookupErrorCode,
  MillwrightError,
} from '../../../contracts/index.ts';
import { parseErrorsDoc } from '../../../contracts/publish/index.ts';

const docs = readFileSync(join(import.meta.dirname, '../../../docs/errors.md'), 'utf8');

describe('error catalogue', () => {
  it('names every code MW_<AREA>_<WHAT> with a 4xx/5xx status and both help lines', () => {
    for (const [code, entry] of errorCatalogue) {
      expect(code).toMatch(/^MW_[A-Z0-9]+_[A-Z0-9_]+$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
      expect(entry.summary.length).toBeGreaterThan(10);
      expect(entry.action.length).toBeGreaterThan(10);
    }
  });

  it('documents every catalogue code in docs/errors.md with the same status and retryable', () => {
    const documented = parseErrorsDoc(docs);
    for (const [code, entry] of errorCatalogue) {
      expect({ code, ...documented.get(code) }).toEqual({
        code,
        status: entry.status,
        retryable: entry.retryable,
      });
    }
  });

  it('lists no code in docs/errors.md that the catalogue lacks', () => {
    const undocumented = [...parseErrorsDoc(docs).keys()].filter(
      (code) => !errorCatalogue.has(code),
    );
    expect(undocumented).toEqual([]);
  });

  it('refuses a code that is not in the catalogue', () => {
    expect(() => lookupErrorCode('MW_NOPE_NOTHING')).toThrow(/unknown error code/);
  });
});

describe('MillwrightError', () => {
  it('takes status and retryable from the catalogue and chains its cause', () => {
    const cause = new Error('socket closed');
    const error = new MillwrightError(
      'MW_PLATFORM_SERIALIZE_FAILED',
      'cannot serialize',
      { type: 'REQ' },
      { cause },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(500);
    expect(error.retryable).toBe(false);
    expect(error.cause).toBe(cause);
    expect(isMillwrightError(error, 'MW_PLATFORM_SERIALIZE_FAILED')).toBe(true);
    expect(isMillwrightError(error, 'MW_CONFIG_INVALID')).toBe(false);
  });

  it('serializes to the Moleculer plain error shape', () => {
    const error = new MillwrightError('MW_UOM_UNKNOWN_UNIT', 'unknown unit "furlong"', {
      unit: 'furlong',
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'MillwrightError',
      message: 'unknown unit "furlong"',
      type: 'MW_UOM_UNKNOWN_UNIT',
      code: 422,
      retryable: false,
      data: { unit: 'furlong' },
    });
  });
});
