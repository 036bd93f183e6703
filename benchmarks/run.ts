// `npm run bench [-- <suite|folder|all>...] [--quick]`: picks suites, runs each in its own
// Node process (fresh heap, RSS of its own, --expose-gc), then regenerates RESULTS.md and the
// charts from every results file. --quick writes to results/quick/ and never over full results.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMillwrightError, MillwrightError } from '../contracts/index.ts';
import { describeSuites, discoverSuites, loadSuite, selectSuites } from './lib/discover.ts';
import { progressLine } from './lib/progress.ts';
import { writeReport, type ReportPaths } from './lib/report.ts';
import { runSuite } from './lib/runner.ts';
import { consoleSummary } from './lib/summary.ts';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const SELF = fileURLToPath(import.meta.url);

const USAGE = `usage: npm run bench [-- <suite|folder|all>...] [options]

  (no name) | all    every suite except opt-in ones
  --soak             also the opt-in soak suite (same as naming \`soak\`)
  --minutes <n>      length of a timed suite (soak: default 30, 1 with --quick)
  --quick            smoke pass: tiny rounds, written to benchmarks/results/quick/
  --rounds <n>       timed rounds per comparison (default 7; 2 with --quick)
  --timeout <s>      kill a suite after this many seconds (default 120 with --quick, none otherwise)
  --list             list the suites and exit
  --report           only regenerate RESULTS.md and the charts from the results files
  --in-process       run the suites in this process (for --inspect); not isolated`;

interface Options {
  readonly names: string[];
  readonly quick: boolean;
  readonly rounds: number | undefined;
  readonly minutes: number | undefined;
  readonly timeoutS: number;
  readonly list: boolean;
  readonly report: boolean;
  readonly help: boolean;
  readonly inProcess: boolean;
  /** Internal: a suite process started by this script writes no report. */
  readonly noReport: boolean;
  readonly files: string[];
}

function positive(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new MillwrightError(
      'MW_BENCH_BAD_OPTION',
      `--${option} takes a whole number, not "${value}"`,
      { option, value },
    );
  }
  return number;
}

function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        quick: { type: 'boolean', default: false },
        rounds: { type: 'string' },
        minutes: { type: 'string' },
        soak: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        list: { type: 'boolean', default: false },
        report: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        'in-process': { type: 'boolean', default: false },
        'no-report': { type: 'boolean', default: false },
        file: { type: 'string', multiple: true },
      },
    });
  } catch (cause) {
    throw new MillwrightError(
      'MW_BENCH_BAD_OPTION',
      `${(cause as Error).message}\n\n${USAGE}`,
      { argv },
      { cause },
    );
  }
  const { values } = parsed;
  const rounds = positive('rounds', values.rounds);
  const minutes = positive('minutes', values.minutes);
  const names = parsed.positionals;
  return {
    // --soak adds the opt-in soak suite to what is named (to everything when nothing is).
    names: values.soak ? [...(names.length === 0 ? ['all'] : names), 'soak'] : names,
    quick: values.quick,
    rounds: rounds === 0 ? undefined : rounds,
    minutes: minutes === 0 ? undefined : minutes,
    timeoutS: positive('timeout', values.timeout) ?? (values.quick ? 120 : 0),
    list: values.list,
    report: values.report,
    help: values.help,
    inProcess: values['in-process'],
    noReport: values['no-report'],
    files: values.file ?? [],
  };
}

function reportPaths(quick: boolean): ReportPaths {
  const resultsDir = join(BENCH_DIR, 'results', ...(quick ? ['quick'] : []));
  return {
    resultsDir,
    reportPath: quick ? join(resultsDir, 'RESULTS.md') : join(BENCH_DIR, 'RESULTS.md'),
    chartsDir: quick ? join(resultsDir, 'charts') : join(BENCH_DIR, 'charts'),
    readmePath: join(BENCH_DIR, 'README.md'),
    sizingPath: quick ? join(resultsDir, 'sizing.md') : join(ROOT, 'docs', 'sizing.md'),
  };
}

/** Runs suites here, one after the other; a failed suite writes no results file. */
async function runHere(files: readonly string[], options: Options): Promise<boolean> {
  let ok = true;
  const progress = progressLine();
  for (const file of files) {
    try {
      const { suite } = await loadSuite(BENCH_DIR, file);
      const result = await runSuite(suite, {
        quick: options.quick,
        root: ROOT,
        resultsDir: reportPaths(options.quick).resultsDir,
        ...(options.rounds === undefined ? {} : { rounds: options.rounds }),
        ...(options.minutes === undefined ? {} : { minutes: options.minutes }),
        progress,
      });
      console.log(consoleSummary(result));
    } catch (error) {
      ok = false;
      progress.note(
        `bench: ${file} failed, its results file is left as it was:\n${String((error as Error).stack ?? error)}`,
      );
    }
  }
  return ok;
}

/** Runs one suite in a fresh process group; the group is killed on timeout or Ctrl-C. */
function runIsolated(file: string, options: Options): Promise<boolean> {
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    SELF,
    '--in-process',
    '--no-report',
    '--file',
    file,
  ];
  if (options.quick) args.push('--quick');
  if (options.rounds !== undefined) args.push('--rounds', String(options.rounds));
  if (options.minutes !== undefined) args.push('--minutes', String(options.minutes));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', detached: true });
  const killGroup = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  const interrupt = () => {
    killGroup();
    process.exit(130);
  };
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  const timer =
    options.timeoutS > 0
      ? setTimeout(() => {
          console.error(`\nbench: ${file} ran past --timeout ${options.timeoutS} s; killed`);
          killGroup();
        }, options.timeoutS * 1000)
      : undefined;
  return new Promise((done) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
      done(code === 0);
    });
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const paths = reportPaths(options.quick);
  if (options.report) {
    const written = writeReport(paths);
    console.log(
      `bench: ${paths.reportPath} regenerated (${written.suites} suites, ${written.charts} charts)`,
    );
    return 0;
  }
  let files = options.files;
  if (files.length === 0) {
    const entries = await discoverSuites(BENCH_DIR);
    if (options.list) {
      console.log(describeSuites(entries));
      return 0;
    }
    files = selectSuites(entries, options.names).map((entry) => entry.file);
  }
  let ok = true;
  if (options.inProcess) ok = await runHere(files, options);
  else for (const file of files) ok = (await runIsolated(file, options)) && ok;
  if (!options.noReport) {
    const written = writeReport(paths);
    console.log(
      `bench: ${paths.reportPath} regenerated (${written.suites} suites, ${written.charts} charts)`,
    );
  }
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage =
      isMillwrightError(error) &&
      (error.type === 'MW_BENCH_UNKNOWN_SUITE' || error.type === 'MW_BENCH_BAD_OPTION');
    console.error(
      `bench: ${usage ? (error as Error).message : String((error as Error).stack ?? error)}`,
    );
    process.exit(usage ? 2 : 1);
  },
);
