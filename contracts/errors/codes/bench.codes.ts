// Codes of the benchmark runner (benchmarks/run.ts): bad command lines and suites that break
// the suite contract (benchmarks/lib/suite.ts).
import { defineCodes } from '../error-code-entry.ts';

export const benchCodes = defineCodes({
  MW_BENCH_UNKNOWN_SUITE: {
    status: 400,
    retryable: false,
    summary: 'No benchmark suite or suite folder has the name given on the command line.',
    action: 'Pick one of the suites the message lists, or `all`; `npm run bench -- --list`.',
  },
  MW_BENCH_BAD_OPTION: {
    status: 400,
    retryable: false,
    summary: 'The benchmark command line has an unknown option or a bad option value.',
    action: 'Run `npm run bench -- --help` for the options it accepts.',
  },
  MW_BENCH_INVALID_SUITE: {
    status: 500,
    retryable: false,
    summary:
      'A benchmark suite breaks the suite contract (no `suite` export, bad name, a comparison without exactly one baseline).',
    action: 'Fix the suite named in the message; see benchmarks/README.md, "Adding a suite".',
  },
});
