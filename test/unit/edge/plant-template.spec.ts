import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMillwrightError, units } from '../../../contracts/index.ts';
import {
  MACHINE_STATES,
  parsePlantTemplate,
  signalValue,
  tagOf,
  tagTable,
  type LocatedIssue,
  type PlantModel,
} from '../../../edge/template/index.ts';

const root = join(import.meta.dirname, '../../..');
const example = readFileSync(join(root, 'examples/plants/p100.yaml'), 'utf8');

function issuesOf(text: string, file = 'plant.yaml'): LocatedIssue[] {
  try {
    parsePlantTemplate(text, file);
  } catch (error) {
    if (isMillwrightError(error, 'MW_EDGE_TEMPLATE_INVALID')) {
      return (error.data as { issues: LocatedIssue[] }).issues;
    }
    throw error;
  }
  throw new Error('expected the template to be rejected');
}

function signal(model: PlantModel, wc: string, name: string) {
  const found = model.signals.find((s) => s.workCenter === wc && s.name === name);
  if (found === undefined) throw new Error(`no signal ${wc}.${name}`);
  return found;
}

describe('plant template', () => {
  const model = parsePlantTemplate(example, 'examples/plants/p100.yaml');

  it('instantiates each machine type per work center with its parameters substituted', () => {
    expect(model.workCenters.map((w) => w.id)).toEqual([
      'WC-PRESS-1',
      'WC-PRESS-2',
      'WC-ASSY-1',
      'WC-ASSY-2',
      'WC-PACK-1',
      'WC-PACK-2',
    ]);
    expect(signal(model, 'WC-PRESS-2', 'good').binding).toMatchObject({
      nodeId: 'ns=1;s=Press2.Good',
    });
    expect(signal(model, 'WC-ASSY-1', 'state').binding).toMatchObject({
      topic: 'acme/p100/assembly/WC-ASSY-1/state',
    });
    expect(signal(model, 'WC-PACK-2', 'pressure').binding).toMatchObject({
      edgeNode: 'line-3',
      device: 'WC-PACK-2',
      metric: 'Pressure',
    });
  });

  it('numbers the signals of each work center 0..n-1 in declaration order (its tag table)', () => {
    for (const wc of model.workCenters) {
      expect(wc.signals.map((s) => s.tag)).toEqual(wc.signals.map((_, i) => i));
    }
    expect(tagTable(model, 'WC-PRESS-1').map((s) => s.name)).toEqual([
      'good',
      'scrap',
      'state',
      'reason',
      'temperature',
    ]);
    expect(tagOf(model, 'WC-PACK-2', 'pressure')).toBe(3);
  });

  it('keeps the tag of a type signal that a work center overrides, and appends its own', () => {
    const text = example.replace(
      '- { id: WC-PRESS-2, type: opcua-press, with: { machine: Press2 } }',
      `- id: WC-PRESS-2
        type: opcua-press
        with: { machine: Press2 }
        signals:
          scrap: { kind: scrap-count, from: { source: presses, nodeId: 'ns=1;s=Press2.Rejects' } }
          vibration: { kind: process-value, unit: mm, from: { source: presses, nodeId: 'ns=1;s=Press2.Vib' } }`,
    );
    const overridden = parsePlantTemplate(text, 'p100.yaml');
    const table = tagTable(overridden, 'WC-PRESS-2');
    expect(table.map((s) => s.name)).toEqual([
      'good',
      'scrap',
      'state',
      'reason',
      'temperature',
      'vibration',
    ]);
    expect(table[1]?.binding).toMatchObject({ nodeId: 'ns=1;s=Press2.Rejects' });
  });

  it('converts process values to their canonical unit with the contracts unit table', () => {
    const temperature = signal(model, 'WC-PRESS-1', 'temperature').rule;
    expect(signalValue(temperature, 212, units)).toBe(100);
    const pressure = signal(model, 'WC-PACK-1', 'pressure').rule;
    expect(signalValue(pressure, 2.5, units)).toBe(250);
  });

  it('translates machine states and reasons through the plant crosswalks', () => {
    const state = signal(model, 'WC-PRESS-1', 'state').rule;
    expect(signalValue(state, 4, units)).toBe(MACHINE_STATES.indexOf('unplanned-down') + 1);
    const reason = signal(model, 'WC-PRESS-1', 'reason').rule;
    expect(signalValue(reason, '42', units)).toBe(2); // MATERIAL-SHORTAGE, second plant reason
  });

  it.each([
    ['good', 'twelve', 'MW_EDGE_VALUE_TYPE'],
    ['good', -1, 'MW_EDGE_VALUE_OUT_OF_RANGE'],
    ['good', 1.5, 'MW_EDGE_VALUE_OUT_OF_RANGE'],
    ['temperature', 2000, 'MW_EDGE_VALUE_OUT_OF_RANGE'],
    ['temperature', true, 'MW_EDGE_VALUE_TYPE'],
    ['state', 77, 'MW_XWALK_UNMAPPED'],
    ['reason', { code: 1 }, 'MW_EDGE_VALUE_TYPE'],
  ])('rejects %s = %p with %s', (name, raw, code) => {
    const rule = signal(model, 'WC-PRESS-1', name).rule;
    expect(() => signalValue(rule, raw, units)).toThrow(
      expect.objectContaining({ type: code }) as Error,
    );
  });

  it('maps every whole counter reading to itself (property)', () => {
    const good = signal(model, 'WC-ASSY-1', 'good').rule;
    fc.assert(
      fc.property(fc.nat(), (n) => {
        expect(signalValue(good, n, units)).toBe(n);
      }),
    );
  });

  it('names file, line and path of a schema error', () => {
    const broken = example.replace('publishingIntervalMs: 100', 'publishingIntervalMs: fast');
    const [issue] = issuesOf(broken, 'p100-broken.yaml');
    const line = broken.split('\n').findIndex((l) => l.includes('publishingIntervalMs')) + 1;
    expect(issue).toMatchObject({
      file: 'p100-broken.yaml',
      line,
      path: ['sources', 'presses', 'publishingIntervalMs'],
    });
  });

  it('names the line of a YAML syntax error', () => {
    const [issue] = issuesOf('plant: P100\nsources: { a: [\n', 'syntax.yaml');
    expect(issue?.file).toBe('syntax.yaml');
    expect(issue?.line).toBeGreaterThanOrEqual(2);
  });

  it('reports every broken cross reference at once, each at its own line', () => {
    const broken = example
      .replace("nodeId: 'ns=1;s=${machine}.Scrap'", "nodeId: 'ns=1;s=${machin}.Scrap'")
      .replace('canonicalUnit: kPa', 'canonicalUnit: kg')
      .replace('crosswalk: plc-reasons', 'crosswalk: plc-reason')
      .replace('type: spb-packer, with: { node: line-3, device: WC-PACK-2 }', 'type: packer');
    const issues = issuesOf(broken);
    const lineOf = (text: string) => broken.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(issues.map((i) => [i.path.join('.'), i.line, i.message])).toEqual([
      [
        'machineTypes.opcua-press.signals.scrap',
        lineOf("scrap: { kind: scrap-count, from: { source: presses, nodeId: 'ns=1;s=${machin}"),
        expect.stringContaining('${machin}'),
      ],
      [
        'machineTypes.opcua-press.signals.reason.crosswalk',
        lineOf('crosswalk: plc-reason'),
        expect.stringContaining('"plc-reason" is not defined'),
      ],
      [
        'machineTypes.spb-packer.signals.pressure.canonicalUnit',
        lineOf('canonicalUnit: kg'),
        'cannot convert bar to kg',
      ],
      [
        'areas.2.workCenters.1.type',
        lineOf('type: packer'),
        'machine type "packer" is not defined in machineTypes',
      ],
    ]);
  });

  it('rejects a binding whose source speaks another protocol', () => {
    const broken = example.replace(
      "good: { kind: good-count, from: { source: uns, topic: 'acme/p100/${area}/${cell}/good' } }",
      "good: { kind: good-count, from: { source: presses, topic: 'acme/p100/${area}/${cell}/good' } }",
    );
    expect(issuesOf(broken)[0]?.message).toMatch(/speaks opcua, but this binding is for mqtt/);
  });

  it('reports an unreadable file with MW_EDGE_TEMPLATE_INVALID', async () => {
    const { loadPlantTemplate } = await import('../../../edge/template/index.ts');
    expect(() => loadPlantTemplate('/nonexistent/plant.yaml')).toThrow(
      expect.objectContaining({ type: 'MW_EDGE_TEMPLATE_INVALID' }) as Error,
    );
  });
});
