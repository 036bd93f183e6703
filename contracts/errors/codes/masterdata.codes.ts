// Codes of master data: loading versioned reference data and querying it.
import { defineCodes } from '../error-code-entry.ts';

export const masterdataCodes = defineCodes({
  MW_MASTERDATA_INVALID: {
    status: 400,
    retryable: false,
    summary: 'A master data set is malformed or inconsistent; it was not loaded.',
    action: 'Fix every entry named in data.issues (file path and field) and load again.',
  },
  MW_MASTERDATA_STALE_VERSION: {
    status: 409,
    retryable: false,
    summary: 'A master data set is not newer than the version already loaded for the plant.',
    action: 'Increase the version number of the set; versions only move forward.',
  },
  MW_MASTERDATA_NOT_LOADED: {
    status: 503,
    retryable: true,
    summary: 'No master data is loaded for the plant yet.',
    action:
      'Load the plant master data (millwright check, then masterdata.load) before releasing orders.',
  },
  MW_MASTERDATA_NOT_FOUND: {
    status: 404,
    retryable: false,
    summary: 'The requested master data record does not exist in the loaded version.',
    action: 'Check the code and plant; list what is loaded with masterdata.describe.',
  },
});
