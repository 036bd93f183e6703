// `millwright check`: validates plant templates and master data files without starting
// anything, and reports every problem as file:line: path: message, exiting non-zero when there
// is any. Files given without --template / --masterdata are recognised by their top-level keys.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkPlantTemplateFile, type LocatedIssue } from '../../../edge/template/index.ts';
import { checkMasterDataFile, type FileProblem } from '../../../production/index.ts';
import type { Command } from '../command.ts';

export function formatProblem(problem: FileProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.path === '' ? '' : `${problem.path}: `}${problem.message}`;
}

const located = (issue: LocatedIssue, prefix = ''): string =>
  formatProblem({
    file: issue.file,
    line: issue.line,
    path: issue.path.join('.'),
    message: `${prefix}${issue.message}`,
  });

/** What to check a file as; `problem` when that cannot be told. */
type Entry =
  | { readonly file: string; readonly kind: 'template' | 'masterdata' }
  | { readonly file: string; readonly problem: string };

/** A plant template has sources and areas; master data has materials and routings. */
function entryOf(file: string): Entry {
  let document: unknown;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { file, problem: `${file}: cannot read: ${(error as Error).message}` };
  }
  const keys =
    typeof document === 'object' && document !== null ? Object.keys(document) : ([] as string[]);
  if (['sources', 'areas', 'machineTypes'].some((key) => keys.includes(key)))
    return { file, kind: 'template' };
  if (['materials', 'routings', 'version'].some((key) => keys.includes(key)))
    return { file, kind: 'masterdata' };
  return {
    file,
    problem: `${file}: neither a plant template (sources, areas) nor master data (materials, routings); name it with --template or --masterdata`,
  };
}

/** Prints the file's problems (or its summary and warnings); returns how many problems. */
function checkTemplate(file: string): number {
  const result = checkPlantTemplateFile(file);
  if (!result.ok) {
    for (const issue of result.issues) console.log(located(issue));
    return result.issues.length;
  }
  const { model, warnings } = result;
  console.log(
    `${file}: ok (plant template of ${model.plant}, ${model.sources.size} sources, ${model.workCenters.length} work centers, ${model.signals.length} signals)`,
  );
  for (const warning of warnings) console.log(located(warning, 'warning: '));
  return 0;
}

function checkMasterData(file: string): number {
  const result = checkMasterDataFile(file);
  if (!result.ok) {
    for (const problem of result.problems) console.log(formatProblem(problem));
    return result.problems.length;
  }
  console.log(
    `${file}: ok (plant ${result.set.plant}, version ${result.set.version}, ${result.set.materials.length} materials, ${result.set.routings.length} routings)`,
  );
  return 0;
}

const filesOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((f): f is string => typeof f === 'string');

export const checkCommand: Command = {
  name: 'check',
  summary: 'Validate plant templates and master data files without starting anything.',
  usage:
    'millwright check [--template <file>] [--masterdata <file>] [<file> ...]  (every problem as file:line: path: message; exit 1 if any)',
  options: {
    template: {
      type: 'string',
      description: 'a plant template (YAML or JSON), as `node --config` takes it; repeatable',
      multiple: true,
    },
    masterdata: {
      type: 'string',
      description: 'a master data file (YAML or JSON); repeatable',
      multiple: true,
    },
  },
  run({ values, positionals }) {
    const files: Entry[] = [
      ...filesOf(values['template']).map((file): Entry => ({ file, kind: 'template' })),
      ...filesOf(values['masterdata']).map((file): Entry => ({ file, kind: 'masterdata' })),
      ...positionals.map(entryOf),
    ];
    if (files.length === 0) {
      console.error(
        'millwright check: nothing to check; give --template <file>, --masterdata <file> or files (see --help)',
      );
      return Promise.resolve(2);
    }
    let problems = 0;
    for (const entry of files) {
      if ('problem' in entry) {
        console.log(entry.problem);
        problems += 1;
      } else if (entry.kind === 'template') problems += checkTemplate(entry.file);
      else problems += checkMasterData(entry.file);
    }
    console.log(problems === 0 ? 'check: no problems' : `check: ${problems} problem(s)`);
    return Promise.resolve(problems === 0 ? 0 : 1);
  },
};
