// The master data of one plant, indexed for lookups and checked for integrity when built:
// routings name known materials and work centers, reason-code parents exist without cycles,
// base units exist in the unit table. Problems are all reported at once.
import {
  MillwrightError,
  units as standardUnits,
  type MasterDataSet,
  type MaterialDefinition,
  type ReasonCodeDefinition,
  type RoutingDefinition,
  type UnitTable,
  type WorkCenterDefinition,
} from '../../contracts/index.ts';

export interface DataIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

function indexBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  list: string,
  issues: DataIssue[],
) {
  const map = new Map<string, T>();
  items.forEach((item, index) => {
    const k = key(item);
    if (map.has(k)) issues.push({ path: [list, index], message: `duplicate ${list} entry "${k}"` });
    map.set(k, item);
  });
  return map;
}

export class PlantMasterData {
  readonly plant: string;
  readonly version: number;
  readonly materials: ReadonlyMap<string, MaterialDefinition>;
  readonly workCenters: ReadonlyMap<string, WorkCenterDefinition>;
  readonly routings: ReadonlyMap<string, RoutingDefinition>;
  readonly reasonCodes: ReadonlyMap<string, ReasonCodeDefinition>;
  readonly units: UnitTable;

  constructor(set: MasterDataSet, unitTable: UnitTable = standardUnits) {
    const issues: DataIssue[] = [];
    this.plant = set.plant;
    this.version = set.version;
    this.units = unitTable;
    this.materials = indexBy(set.materials, (m) => m.code, 'materials', issues);
    this.workCenters = indexBy(set.workCenters, (w) => w.code, 'workCenters', issues);
    this.routings = indexBy(set.routings, (r) => r.id, 'routings', issues);
    this.reasonCodes = indexBy(set.reasonCodes, (r) => r.code, 'reasonCodes', issues);
    set.materials.forEach((m, i) => {
      if (!unitTable.has(m.baseUnit))
        issues.push({
          path: ['materials', i, 'baseUnit'],
          message: `unknown unit "${m.baseUnit}"`,
        });
    });
    set.routings.forEach((r, i) => {
      if (!this.materials.has(r.material))
        issues.push({
          path: ['routings', i, 'material'],
          message: `unknown material "${r.material}"`,
        });
      r.operations.forEach((op, j) => {
        if (!this.workCenters.has(op.workCenter)) {
          issues.push({
            path: ['routings', i, 'operations', j, 'workCenter'],
            message: `unknown work center "${op.workCenter}"`,
          });
        }
      });
    });
    set.reasonCodes.forEach((reason, i) => {
      if (reason.parent !== undefined && !this.reasonCodes.has(reason.parent)) {
        issues.push({
          path: ['reasonCodes', i, 'parent'],
          message: `unknown parent reason "${reason.parent}"`,
        });
      } else if (this.reasonPath(reason.code).length === 0) {
        issues.push({
          path: ['reasonCodes', i, 'parent'],
          message: `reason "${reason.code}" is part of a cycle`,
        });
      }
    });
    if (issues.length > 0) {
      throw new MillwrightError(
        'MW_MASTERDATA_INVALID',
        `master data of ${set.plant} v${set.version}: ${issues.length} problem(s), first: ${issues[0]?.path.join('.') ?? ''} ${issues[0]?.message ?? ''}`,
        { issues },
      );
    }
  }

  /** Root-to-leaf path of a reason code; empty when the code is unknown or in a cycle. */
  reasonPath(code: string): string[] {
    const path: string[] = [];
    const seen = new Set<string>();
    let current = this.reasonCodes.get(code);
    while (current !== undefined && !seen.has(current.code)) {
      seen.add(current.code);
      path.unshift(current.code);
      if (current.parent === undefined) return path;
      current = this.reasonCodes.get(current.parent);
    }
    return [];
  }

  material(code: string): MaterialDefinition {
    return this.#found(this.materials.get(code), 'material', code);
  }

  workCenter(code: string): WorkCenterDefinition {
    return this.#found(this.workCenters.get(code), 'work center', code);
  }

  routing(id: string): RoutingDefinition {
    return this.#found(this.routings.get(id), 'routing', id);
  }

  #found<T>(value: T | undefined, what: string, code: string): T {
    if (value === undefined) {
      throw new MillwrightError(
        'MW_MASTERDATA_NOT_FOUND',
        `no ${what} "${code}" in master data of ${this.plant} v${this.version}`,
        { plant: this.plant, version: this.version, what, code },
      );
    }
    return value;
  }
}
