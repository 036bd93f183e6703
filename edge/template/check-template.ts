// `millwright check` for plant templates: every problem of one file (YAML syntax, then schema,
// then cross references once the shape is right) with file, line and path, plus the security
// warnings of a valid template. Starts nothing, connects nowhere, reads no referenced secret.
import { readFileSync } from 'node:fs';
import { isMillwrightError } from '../../contracts/index.ts';
import type { PlantModel } from './compile-template.ts';
import { parsePlantTemplate, templateLocator, type LocatedIssue } from './load-template.ts';
import { securityWarnings } from './security-warnings.ts';

export type TemplateCheck =
  | {
      readonly ok: true;
      readonly model: PlantModel;
      /** Weakened security the template chose explicitly; not problems. */
      readonly warnings: readonly LocatedIssue[];
    }
  | { readonly ok: false; readonly issues: readonly LocatedIssue[] };

export function checkPlantTemplateFile(file: string): TemplateCheck {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const message = `cannot read: ${(error as Error).message}`;
    return { ok: false, issues: [{ file, line: 0, column: 0, path: [], message }] };
  }
  try {
    const model = parsePlantTemplate(text, file);
    const at = templateLocator(text);
    const warnings = [...model.sources].flatMap(([name, def]) =>
      securityWarnings(name, def).map((w) => ({ file, ...at(w.path), ...w })),
    );
    return { ok: true, model, warnings };
  } catch (error) {
    if (isMillwrightError(error, 'MW_EDGE_TEMPLATE_INVALID'))
      return { ok: false, issues: (error.data as { issues: LocatedIssue[] }).issues };
    throw error;
  }
}
