// Codes of configuration: environment, CLI options and configuration files.
import { defineCodes } from '../error-code-entry.ts';

export const configCodes = defineCodes({
  MW_CONFIG_INVALID: {
    status: 400,
    retryable: false,
    summary: 'A configuration option has a bad value; Millwright did not start.',
    action:
      'Fix the option named in the message (environment variable or CLI flag) and start again.',
  },
});
