// Per-plant code crosswalks: a machine's or MES's local codes (reason codes, material numbers)
// translated to the canonical codes ERP knows. Validated when loaded: a source code maps to
// exactly one target. An unmapped code is an error (MW_XWALK_UNMAPPED), never passed through.
import { z } from 'zod';
import { MillwrightError } from '../errors/index.ts';
import { PlantId } from '../ids.ts';

export const CrosswalkKind = z.enum(['reason', 'material', 'machine-state', 'unit']);
export type CrosswalkKind = z.infer<typeof CrosswalkKind>;

export const CrosswalkDefinition = z.strictObject({
  plant: PlantId,
  kind: CrosswalkKind,
  /** The system whose codes are translated, e.g. "line-3-plc" or "mes". */
  source: z.string().min(1).max(64),
  entries: z
    .array(z.strictObject({ from: z.string().min(1).max(64), to: z.string().min(1).max(64) }))
    .min(1),
});
export type CrosswalkDefinition = z.infer<typeof CrosswalkDefinition>;

export class Crosswalk {
  readonly plant: string;
  readonly kind: CrosswalkKind;
  readonly source: string;
  readonly #map: ReadonlyMap<string, string>;

  private constructor(definition: CrosswalkDefinition, map: ReadonlyMap<string, string>) {
    this.plant = definition.plant;
    this.kind = definition.kind;
    this.source = definition.source;
    this.#map = map;
  }

  /** Validates a raw definition (from a file) and reports every problem at once. */
  static load(raw: unknown): Crosswalk {
    const parsed = CrosswalkDefinition.safeParse(raw);
    if (!parsed.success) {
      throw new MillwrightError('MW_XWALK_INVALID', 'crosswalk definition is invalid', {
        issues: parsed.error.issues,
      });
    }
    const map = new Map<string, string>();
    const issues: { path: (string | number)[]; message: string }[] = [];
    parsed.data.entries.forEach((entry, index) => {
      const existing = map.get(entry.from);
      if (existing !== undefined && existing !== entry.to) {
        issues.push({
          path: ['entries', index, 'from'],
          message: `"${entry.from}" already maps to "${existing}", cannot also map to "${entry.to}"`,
        });
      }
      map.set(entry.from, entry.to);
    });
    if (issues.length > 0) {
      throw new MillwrightError(
        'MW_XWALK_INVALID',
        `crosswalk ${parsed.data.plant}/${parsed.data.kind}/${parsed.data.source} is ambiguous`,
        { issues },
      );
    }
    return new Crosswalk(parsed.data, map);
  }

  translate(code: string): string {
    const target = this.#map.get(code);
    if (target === undefined) {
      throw new MillwrightError(
        'MW_XWALK_UNMAPPED',
        `${this.kind} code "${code}" from ${this.source} has no mapping for plant ${this.plant}`,
        { plant: this.plant, kind: this.kind, source: this.source, code },
      );
    }
    return target;
  }

  has(code: string): boolean {
    return this.#map.has(code);
  }
}
