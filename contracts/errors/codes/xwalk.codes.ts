// Codes of code translation: per-plant crosswalks of reason codes, material codes and the like.
import { defineCodes } from '../error-code-entry.ts';

export const xwalkCodes = defineCodes({
  MW_XWALK_INVALID: {
    status: 400,
    retryable: false,
    summary: 'A code crosswalk (reason codes, material codes) is malformed or ambiguous.',
    action:
      'Fix the crosswalk entry named in data.issues; a source code may map to one target only.',
  },
  MW_XWALK_UNMAPPED: {
    status: 422,
    retryable: false,
    summary: 'A source code has no entry in the plant crosswalk.',
    action: 'Add the code to the crosswalk of that plant, then replay the rejected input.',
  },
});
