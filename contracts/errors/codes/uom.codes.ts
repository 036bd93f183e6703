// Codes of unit-of-measure conversion and code translation (crosswalks).
import { defineCodes } from '../error-code-entry.ts';

export const uomCodes = defineCodes({
  MW_UOM_UNKNOWN_UNIT: {
    status: 422,
    retryable: false,
    summary: 'A unit of measure is not in the conversion table.',
    action: 'Use a unit listed in docs/units.md, or add it to the plant reference data.',
  },
  MW_UOM_INCOMPATIBLE: {
    status: 422,
    retryable: false,
    summary:
      'Two units measure different dimensions (mass and length, say) and cannot be converted.',
    action: 'Map the signal to a unit of the same dimension as its target.',
  },
  MW_UOM_NOT_FINITE: {
    status: 422,
    retryable: false,
    summary: 'A quantity to convert is NaN or infinite.',
    action: 'Check the source value; a bad-quality sample should not be converted.',
  },
});
