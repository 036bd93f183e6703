// Codes of the analytics connector (analytics.connector): OEE per work center and shift.
import { defineCodes } from '../error-code-entry.ts';

export const analyticsCodes = defineCodes({
  MW_ANALYTICS_CALENDAR_INVALID: {
    status: 422,
    retryable: false,
    summary: 'The shift calendar file is missing, not JSON / YAML, or breaks the calendar schema.',
    action:
      'Fix the file named by MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR (see docs/analytics.md); the issues are in data.',
  },
  MW_ANALYTICS_UNKNOWN_SHIFT: {
    status: 404,
    retryable: false,
    summary: 'The shift calendar has no shift of that name.',
    action: 'Use a shift name of the plant calendar (data.shifts lists them).',
  },
  MW_ANALYTICS_NO_DATA: {
    status: 404,
    retryable: false,
    summary: 'No confirmation or downtime of that work center has reached that shift yet.',
    action:
      'Check the plant, work center, date and shift; OEE appears once the first event of the shift is consumed.',
  },
});
