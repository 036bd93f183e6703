// Turns a schema-valid plant template into the plant model the adapters use: machine types
// instantiated per work center (`${parameter}` substituted), each signal bound to a defined
// source of the right protocol, its units and crosswalk resolved, and its tag: its index in the
// work center's tag table.
// It reports problems as issues with paths; it reads no files.
import { Crosswalk, units, type UnitTable } from '../../contracts/index.ts';
import type {
  PlantTemplate,
  SignalBinding,
  SignalDefinition,
  SourceDefinition,
} from './plant-template.schema.ts';
import { MACHINE_STATES, type ValueRule } from './signal-value.ts';

export interface TemplateIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly code?: string;
}

export interface CompiledSignal {
  readonly plant: string;
  readonly area: string;
  readonly workCenter: string;
  readonly name: string;
  readonly tag: number;
  /** Name of the source (connection) in the template. */
  readonly source: string;
  readonly binding: SignalBinding;
  readonly rule: ValueRule;
}

export interface PlantModel {
  readonly plant: string;
  readonly sources: ReadonlyMap<string, SourceDefinition>;
  readonly workCenters: readonly {
    readonly id: string;
    readonly area: string;
    readonly signals: readonly CompiledSignal[];
  }[];
  readonly signals: readonly CompiledSignal[];
  readonly units: UnitTable;
}

const PARAMETER = /\$\{([A-Za-z0-9_.-]+)\}/g;

type Result = { ok: true; model: PlantModel } | { ok: false; issues: TemplateIssue[] };

export function compileTemplate(template: PlantTemplate, table: UnitTable = units): Result {
  const issues: TemplateIssue[] = [];
  const crosswalks = new Map<string, Crosswalk>();
  for (const [name, cw] of Object.entries(template.crosswalks)) {
    const path = ['crosswalks', name];
    const entries = Object.entries(cw.entries).map(([from, to]) => ({ from, to }));
    const allowed =
      cw.kind === 'machine-state'
        ? MACHINE_STATES
        : cw.kind === 'reason'
          ? template.reasons
          : undefined;
    for (const { from, to } of entries) {
      if (allowed !== undefined && !(allowed as readonly string[]).includes(to)) {
        issues.push({
          path: [...path, 'entries', from],
          message: `"${to}" is not one of ${allowed.join(', ') || '(no reasons declared)'}`,
        });
      }
    }
    try {
      crosswalks.set(
        name,
        Crosswalk.load({ plant: template.plant, kind: cw.kind, source: cw.source, entries }),
      );
    } catch (error) {
      issues.push({ path, message: (error as Error).message });
    }
  }

  const signals: CompiledSignal[] = [];
  const workCenters: PlantModel['workCenters'][number][] = [];
  // Ids are the keys of actors and frames: a second definition would silently merge two machines.
  const firstAt = new Map<string, string>();
  const once = (kind: string, id: string, path: (string | number)[]) => {
    const first = firstAt.get(`${kind}\u0000${id}`);
    if (first === undefined) firstAt.set(`${kind}\u0000${id}`, path.join('.'));
    else
      issues.push({
        path: [...path, 'id'],
        message: `${kind} "${id}" is defined twice (first at ${first})`,
      });
  };
  template.areas.forEach((area, a) => {
    once('area', area.id, ['areas', a]);
    area.workCenters.forEach((wc, w) => {
      const wcPath = ['areas', a, 'workCenters', w];
      once('work center', wc.id, wcPath);
      const definitions: [string, SignalDefinition, (string | number)[], Record<string, string>][] =
        [];
      if (wc.type !== undefined) {
        const type = template.machineTypes[wc.type];
        if (type === undefined) {
          issues.push({
            path: [...wcPath, 'type'],
            message: `machine type "${wc.type}" is not defined in machineTypes`,
          });
        } else {
          const values: Record<string, string> = {};
          for (const parameter of type.parameters) {
            const value = wc.with[parameter];
            if (value === undefined)
              issues.push({
                path: [...wcPath, 'with'],
                message: `parameter "${parameter}" of type ${wc.type} has no value`,
              });
            else values[parameter] = String(value);
          }
          // A work center's own definition of a type signal takes the type signal's place, so
          // the override keeps its tag.
          for (const [name, def] of Object.entries(type.signals)) {
            const own = wc.signals[name];
            definitions.push(
              own === undefined
                ? [name, def, ['machineTypes', wc.type, 'signals', name], values]
                : [name, own, [...wcPath, 'signals', name], {}],
            );
          }
        }
      }
      for (const [name, def] of Object.entries(wc.signals)) {
        if (!definitions.some(([known]) => known === name))
          definitions.push([name, def, [...wcPath, 'signals', name], {}]);
      }

      // Tags index the work center's tag table (docs/frames.md): 0..n-1 in declaration order.
      const compiled: CompiledSignal[] = [];
      for (const [name, raw, path, values] of definitions) {
        const def = substitute(raw, values, (missing) =>
          issues.push({
            path,
            message: `\${${missing}} is not a parameter of ${wc.type ?? wc.id}`,
          }),
        );
        const signal = compileSignal(
          template,
          table,
          crosswalks,
          { area: area.id, workCenter: wc.id, name, def, path, tag: compiled.length },
          issues,
        );
        if (signal !== undefined) compiled.push(signal);
      }
      workCenters.push({ id: wc.id, area: area.id, signals: compiled });
      signals.push(...compiled);
    });
  });
  if (issues.length > 0) {
    // A machine type's mistake shows once, not once per work center that instantiates it.
    const seen = new Set<string>();
    const unique = issues.filter((i) => {
      const key = `${i.path.join('.')}|${i.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
    return { ok: false, issues: unique };
  }
  return {
    ok: true,
    model: Object.freeze({
      plant: template.plant,
      sources: new Map(Object.entries(template.sources)),
      workCenters,
      signals,
      units: table,
    }),
  };
}

function substitute<T>(
  value: T,
  values: Record<string, string>,
  missing: (name: string) => void,
): T {
  if (typeof value === 'string') {
    return value.replace(PARAMETER, (_, key: string) => {
      const replacement = values[key];
      if (replacement === undefined) missing(key);
      return replacement ?? '';
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => substitute(v, values, missing)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, values, missing)]),
    ) as T;
  }
  return value;
}

interface SignalSite {
  readonly area: string;
  readonly workCenter: string;
  readonly name: string;
  readonly def: SignalDefinition;
  readonly path: (string | number)[];
  /** Index of the signal in its work center's tag table. */
  readonly tag: number;
}

function compileSignal(
  template: PlantTemplate,
  table: UnitTable,
  crosswalks: ReadonlyMap<string, Crosswalk>,
  { area, workCenter, name, def, path, tag }: SignalSite,
  issues: TemplateIssue[],
): CompiledSignal | undefined {
  const before = issues.length;
  const source = template.sources[def.from.source];
  const expected = 'nodeId' in def.from ? 'opcua' : 'topic' in def.from ? 'mqtt' : 'sparkplug';
  if (source === undefined)
    issues.push({
      path: [...path, 'from', 'source'],
      message: `source "${def.from.source}" is not defined in sources`,
    });
  else if (source.protocol !== expected)
    issues.push({
      path: [...path, 'from'],
      message: `source "${def.from.source}" speaks ${source.protocol}, but this binding is for ${expected}`,
    });

  const counter = def.kind === 'good-count' || def.kind === 'scrap-count';
  const coded = def.kind === 'machine-state' || def.kind === 'downtime-reason';
  const sourceUnit = def.unit ?? (counter ? 'ea' : coded ? 'ea' : undefined);
  if (sourceUnit === undefined)
    issues.push({ path: [...path, 'unit'], message: 'a process value needs its unit' });
  const unit = def.canonicalUnit ?? sourceUnit ?? 'ea';
  // A canonical unit that defaults to the source unit is not reported a second time.
  for (const [key, code] of [
    ['unit', sourceUnit],
    ['canonicalUnit', def.canonicalUnit],
  ] as const) {
    if (code !== undefined && !table.has(code))
      issues.push({ path: [...path, key], message: `unknown unit "${code}"` });
  }
  if (
    sourceUnit !== undefined &&
    table.has(sourceUnit) &&
    table.has(unit) &&
    !table.convertible(sourceUnit, unit)
  ) {
    issues.push({
      path: [...path, 'canonicalUnit'],
      message: `cannot convert ${sourceUnit} to ${unit}`,
    });
  }
  if (counter && table.has(unit) && table.get(unit).dimension !== 'count') {
    issues.push({
      path: [...path, 'unit'],
      message: `a counter counts pieces; "${unit}" is not a count unit`,
    });
  }
  let crosswalk: Crosswalk | undefined;
  if (def.crosswalk !== undefined) {
    crosswalk = crosswalks.get(def.crosswalk);
    if (crosswalk === undefined)
      issues.push({
        path: [...path, 'crosswalk'],
        message: `crosswalk "${def.crosswalk}" is not defined in crosswalks`,
      });
    else if (crosswalk.kind !== (def.kind === 'machine-state' ? 'machine-state' : 'reason')) {
      issues.push({
        path: [...path, 'crosswalk'],
        message: `crosswalk "${def.crosswalk}" is of kind ${crosswalk.kind}, not for a ${def.kind} signal`,
      });
    }
  } else if (def.kind === 'downtime-reason' && template.reasons.length === 0) {
    issues.push({
      path: [...path, 'crosswalk'],
      message: 'a downtime-reason signal needs a crosswalk or plant reasons',
    });
  }
  if (def.range !== undefined && def.range.min > def.range.max) {
    issues.push({ path: [...path, 'range'], message: 'range.min is above range.max' });
  }
  if (issues.length > before) return undefined;
  const codes = def.kind === 'machine-state' ? MACHINE_STATES : template.reasons;
  return Object.freeze({
    plant: template.plant,
    area,
    workCenter,
    name,
    tag,
    source: def.from.source,
    binding: def.from,
    rule: {
      signal: `${workCenter}.${name}`,
      kind: def.kind,
      sourceUnit: sourceUnit ?? unit,
      unit,
      crosswalk,
      codes,
      range: def.range,
    },
  });
}
