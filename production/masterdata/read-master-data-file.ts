// Reads a master data file (YAML or JSON) and validates it without loading it anywhere: every
// problem comes back with the file, the line and the path, for `millwright check` and for the
// error a person sees when a load fails.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { MasterDataSet, isMillwrightError } from '../../contracts/index.ts';
import { PlantMasterData } from './plant-master-data.ts';

export interface FileProblem {
  readonly file: string;
  /** 1-based; 0 when the problem has no single line (e.g. a missing top-level key). */
  readonly line: number;
  readonly path: string;
  readonly message: string;
}

export type FileCheck =
  | { readonly ok: true; readonly set: MasterDataSet }
  | { readonly ok: false; readonly problems: FileProblem[] };

export function checkMasterDataFile(file: string): FileCheck {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problems: [{ file, line: 0, path: '', message: `cannot read: ${(error as Error).message}` }],
    };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        path: '',
        message: e.message.split('\n')[0] ?? e.message,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth) as unknown[], true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range !== undefined) return lineCounter.linePos(node.range[0]).line;
    }
    return 0;
  };
  const problem = (path: readonly PropertyKey[], message: string): FileProblem => ({
    file,
    line: lineOf(path),
    path: path.map(String).join('.'),
    message,
  });

  const parsed = MasterDataSet.safeParse(document.toJS());
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => problem(issue.path, issue.message)),
    };
  try {
    new PlantMasterData(parsed.data);
  } catch (error) {
    if (!isMillwrightError(error)) throw error;
    const issues = (error.data as { issues: { path: (string | number)[]; message: string }[] })
      .issues;
    return { ok: false, problems: issues.map((issue) => problem(issue.path, issue.message)) };
  }
  return { ok: true, set: parsed.data };
}
