// Reads a plant template file (YAML, or JSON which YAML also reads), validates it and compiles
// it. Every problem is reported at once as MW_EDGE_TEMPLATE_INVALID, each issue naming the
// file, line, column and path, so a person can go straight to it.
import { readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { MillwrightError } from '../../contracts/index.ts';
import { compileTemplate, type PlantModel, type TemplateIssue } from './compile-template.ts';
import { PlantTemplate } from './plant-template.schema.ts';

export interface LocatedIssue extends TemplateIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

type Path = readonly (string | number)[];

function position(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** Line of the deepest node that exists along `path` (a missing key points at its parent). */
function locate(doc: Document, lines: LineCounter, path: Path): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node !== undefined && node !== null && typeof node === 'object' && 'range' in node) {
      const range = (node as { range?: [number, number, number] }).range;
      if (range !== undefined) {
        // Point at the key of a map entry when there is one: that is what a reader looks for.
        const parent: unknown = depth === 0 ? undefined : doc.getIn(path.slice(0, depth - 1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((item) => {
            const key = item.key as { value?: unknown } | null;
            return key?.value === path[depth - 1];
          });
          const keyRange = (pair?.key as { range?: [number] } | undefined)?.range;
          if (keyRange !== undefined) return position(lines, keyRange[0]);
        }
        return position(lines, range[0]);
      }
    }
  }
  return { line: 1, column: 1 };
}

function fail(file: string, issues: readonly LocatedIssue[]): never {
  const shown = issues
    .slice(0, 20)
    .map((i) => `${i.file}:${i.line}:${i.column} ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new MillwrightError(
    'MW_EDGE_TEMPLATE_INVALID',
    `plant template ${file} is invalid:\n  ${shown.join('\n  ')}`,
    { file, issues },
  );
}

/** Line and column of a path in template text (for messages about a valid template). */
export function templateLocator(text: string): (path: Path) => { line: number; column: number } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return (path) => locate(doc, lines, path);
}

/** Parses and compiles template text; `file` names it in errors. */
export function parsePlantTemplate(text: string, file: string): PlantModel {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    fail(
      file,
      doc.errors.map((e) => {
        const pos = position(lines, e.pos[0]);
        return { file, ...pos, path: [], message: e.message.split('\n')[0] ?? e.code };
      }),
    );
  }
  const at = (issue: TemplateIssue): LocatedIssue => ({
    file,
    ...locate(doc, lines, issue.path),
    ...issue,
  });
  const parsed = PlantTemplate.safeParse(doc.toJS());
  if (!parsed.success) {
    fail(
      file,
      parsed.error.issues.map((i) =>
        at({
          path: i.path.filter((p) => typeof p !== 'symbol'),
          message: i.message,
          // A schema message that opens with an MW_* code (an inline password) carries that code.
          code: /^(MW_[A-Z_]+):/.exec(i.message)?.[1] ?? i.code,
        }),
      ),
    );
  }
  const compiled = compileTemplate(parsed.data);
  if (!compiled.ok) fail(file, compiled.issues.map(at));
  return compiled.model;
}

export function loadPlantTemplate(file: string): PlantModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new MillwrightError(
      'MW_EDGE_TEMPLATE_INVALID',
      `plant template ${file} cannot be read: ${(cause as Error).message}`,
      {
        file,
        issues: [
          {
            file,
            line: 0,
            column: 0,
            path: [],
            message: `cannot read: ${(cause as Error).message}`,
          },
        ],
      },
      { cause },
    );
  }
  return parsePlantTemplate(text, file);
}
