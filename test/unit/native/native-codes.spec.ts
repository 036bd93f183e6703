import { errorCatalogue, isMillwrightError } from '../../../contracts/index.ts';
import { FRAME_ERROR_CODES, FrameError, POOL_ERROR_CODES } from '../../../native/index.ts';
import { fromNativeError } from '../../../services/platform/index.ts';

describe('native error codes', () => {
  it('lists every code native/ raises in the error catalogue', () => {
    const missing = [...FRAME_ERROR_CODES, ...POOL_ERROR_CODES].filter(
      (code) => !errorCatalogue.has(code),
    );
    expect(missing).toEqual([]);
  });

  it('lists every MW_FRAME_ catalogue code in native/', () => {
    const frameCodes = [...errorCatalogue.keys()].filter((code) => code.startsWith('MW_FRAME_'));
    expect(frameCodes.sort()).toEqual([...FRAME_ERROR_CODES].sort());
  });

  it('turns a FrameError into a MillwrightError with the same code at the boundary', () => {
    const cause = new FrameError('MW_FRAME_TRUNCATED', 'frame ends inside its body', {
      offset: 12,
    });
    const wrapped = fromNativeError(cause);
    expect(isMillwrightError(wrapped, 'MW_FRAME_TRUNCATED')).toBe(true);
    expect(wrapped).toMatchObject({ code: 400, retryable: false, data: { offset: 12 }, cause });
  });
});
