// `millwright check`: validates configuration files without starting anything, and reports
// every problem as file:line: path: message, exiting non-zero when there is any.
import { checkMasterDataFile, type FileProblem } from '../../../production/index.ts';
import type { Command } from '../command.ts';

export function formatProblem(problem: FileProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.path === '' ? '' : `${problem.path}: `}${problem.message}`;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Validate master data files (and plant templates) without starting anything.',
  usage: 'millwright check --masterdata <file> [--masterdata <file> ...]',
  options: {
    masterdata: {
      type: 'string',
      description: 'a master data file (YAML or JSON); repeat for several',
      multiple: true,
    },
  },
  run({ values }) {
    const given = values['masterdata'];
    const masterDataFiles = (Array.isArray(given) ? given : [given]).filter(
      (f): f is string => typeof f === 'string',
    );
    if (masterDataFiles.length === 0) {
      console.error('millwright check: nothing to check; give --masterdata <file> (see --help)');
      return Promise.resolve(2);
    }
    let problems = 0;
    for (const file of masterDataFiles) {
      const result = checkMasterDataFile(file);
      if (result.ok) {
        console.log(
          `${file}: ok (plant ${result.set.plant}, version ${result.set.version}, ${result.set.materials.length} materials, ${result.set.routings.length} routings)`,
        );
      } else {
        problems += result.problems.length;
        for (const problem of result.problems) console.log(formatProblem(problem));
      }
    }
    console.log(problems === 0 ? 'check: no problems' : `check: ${problems} problem(s)`);
    return Promise.resolve(problems === 0 ? 0 : 1);
  },
};
