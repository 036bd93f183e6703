// Rebuilds MillwrightErrors on the calling node: a remote action that throws
// MW_ACTOR_BUSY arrives as a MillwrightError with the same type, code, data and retryable,
// not as a generic MoleculerError.
import { Errors } from 'moleculer';
import { isErrorCode, MillwrightError } from '../../contracts/index.ts';

export class MillwrightErrorRegenerator extends Errors.Regenerator {
  override restoreCustomError(plain: Errors.PlainMoleculerError): Error | undefined {
    if (
      plain.name !== 'MillwrightError' ||
      typeof plain.type !== 'string' ||
      !isErrorCode(plain.type)
    ) {
      return undefined;
    }
    const error = new MillwrightError(plain.type, plain.message, plain.data);
    if (typeof plain.stack === 'string') error.stack = plain.stack;
    return error;
  }
}
