// Secure defaults of plant templates: SignAndEncrypt unless written otherwise, passwords only
// as references, TLS verification off only by an explicit, loudly named opt-in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMillwrightError } from '../../../contracts/index.ts';
import {
  parsePlantTemplate,
  securityWarnings,
  type LocatedIssue,
  type PlantModel,
} from '../../../edge/template/index.ts';

const example = readFileSync(
  join(import.meta.dirname, '../../../examples/plants/p100.yaml'),
  'utf8',
);

function issuesOf(text: string): LocatedIssue[] {
  try {
    parsePlantTemplate(text, 'plant.yaml');
  } catch (error) {
    if (isMillwrightError(error, 'MW_EDGE_TEMPLATE_INVALID'))
      return (error.data as { issues: LocatedIssue[] }).issues;
    throw error;
  }
  throw new Error('expected the template to be rejected');
}

const lineOf = (text: string, part: string) =>
  text.split('\n').findIndex((l) => l.includes(part)) + 1;

/** The example with lines added under a source's first line (its `protocol:` line). */
function withSourceLines(source: 'presses' | 'uns' | 'spb', lines: string): string {
  return example.replace(`  ${source}:\n`, `  ${source}:\n${lines}`);
}

const presses = (model: PlantModel) => {
  const def = model.sources.get('presses');
  if (def?.protocol !== 'opcua') throw new Error('presses is an opcua source');
  return def;
};

describe('plant template security', () => {
  it('demands SignAndEncrypt with Basic256Sha256 when the template says nothing', () => {
    const model = parsePlantTemplate(example, 'p100.yaml');
    expect(presses(model).security).toEqual({ mode: 'SignAndEncrypt', policy: 'Basic256Sha256' });
    expect([...model.sources].flatMap(([n, d]) => securityWarnings(n, d))).toEqual([]);
  });

  it('runs None or Sign only when written, and warns about it', () => {
    const none = parsePlantTemplate(
      withSourceLines('presses', '    security: { mode: None }\n'),
      'p.yaml',
    );
    expect(presses(none).security).toEqual({ mode: 'None', policy: 'None' });
    expect(securityWarnings('presses', presses(none))).toEqual([
      {
        source: 'presses',
        path: ['sources', 'presses', 'security', 'mode'],
        message: expect.stringContaining('OPC UA SecurityMode None') as string,
      },
    ]);
    const sign = parsePlantTemplate(
      withSourceLines('presses', '    security: { mode: Sign, policy: Aes256_Sha256_RsaPss }\n'),
      'p.yaml',
    );
    expect(presses(sign).security).toEqual({ mode: 'Sign', policy: 'Aes256_Sha256_RsaPss' });
    expect(securityWarnings('presses', presses(sign))[0]?.message).toMatch(/not encrypted/);
  });

  it('refuses a security mode and policy that do not go together', () => {
    const text = withSourceLines(
      'presses',
      '    security: { mode: SignAndEncrypt, policy: None }\n',
    );
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({
        path: ['sources', 'presses', 'security', 'policy'],
        message: 'mode SignAndEncrypt needs a policy other than None',
      }),
    ]);
  });

  it.each([
    [
      'an OPC UA user',
      'presses',
      "    security: { user: { username: edge, password: 's3cret' } }\n",
      ['security', 'user', 'password'],
    ],
    ['an MQTT source', 'uns', "    username: edge\n    password: 's3cret'\n", ['password']],
    ['a Sparkplug source', 'spb', "    username: edge\n    password: 's3cret'\n", ['password']],
  ] as const)(
    'refuses an inline password of %s with MW_EDGE_TEMPLATE_INLINE_SECRET, naming path and line',
    (_, source, lines, path) => {
      const text = withSourceLines(source, lines);
      const issues = issuesOf(text);
      expect(issues).toEqual([
        {
          file: 'plant.yaml',
          line: lineOf(text, "password: 's3cret'"),
          column: expect.any(Number) as number,
          path: ['sources', source, ...path],
          code: 'MW_EDGE_TEMPLATE_INLINE_SECRET',
          message: expect.stringContaining(
            'write passwordFile: <file readable only by Millwright> or passwordEnv: <ENVIRONMENT_VARIABLE> instead',
          ) as string,
        },
      ]);
      // The value itself never appears in the error.
      expect(JSON.stringify(issues)).not.toContain('s3cret');
    },
  );

  it('takes password references, one per link, with a user name', () => {
    const model = parsePlantTemplate(
      withSourceLines('uns', '    username: edge\n    passwordEnv: MQTT_PASSWORD\n'),
      'p.yaml',
    );
    expect(model.sources.get('uns')).toMatchObject({
      username: 'edge',
      passwordEnv: 'MQTT_PASSWORD',
    });
    const both = withSourceLines(
      'uns',
      '    username: edge\n    passwordEnv: MQTT_PASSWORD\n    passwordFile: /etc/mw/mqtt\n',
    );
    expect(issuesOf(both).map((i) => i.message)).toEqual([
      'give either passwordFile or passwordEnv, not both',
    ]);
    const nameless = withSourceLines('spb', '    passwordFile: /etc/mw/mqtt\n');
    expect(issuesOf(nameless).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['sources.spb.username', 'a password needs a username'],
    ]);
    const opcua = withSourceLines('presses', '    security: { user: { username: edge } }\n');
    expect(issuesOf(opcua).map((i) => i.message)).toEqual([
      'a user name needs passwordFile or passwordEnv',
    ]);
  });

  it('refuses rejectUnauthorized: false and names the explicit opt-in instead', () => {
    const text = withSourceLines(
      'uns',
      '    tls: { caFile: /etc/mw/ca.pem, rejectUnauthorized: false }\n',
    ).replace(
      'url: mqtt://127.0.0.1:1883\n    clientId: millwright-p100-uns',
      'url: mqtts://broker:8883\n    clientId: millwright-p100-uns',
    );
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue?.path).toEqual(['sources', 'uns', 'tls', 'rejectUnauthorized']);
    expect(issue?.message).toMatch(/write insecureSkipVerify: true/);
  });

  it('skips broker verification only with insecureSkipVerify: true, and warns about it', () => {
    const text = example.replace(
      'url: mqtt://127.0.0.1:1883\n    clientId: millwright-p100-uns',
      'url: mqtts://broker:8883\n    clientId: millwright-p100-uns\n    tls: { insecureSkipVerify: true }',
    );
    const uns = parsePlantTemplate(text, 'p.yaml').sources.get('uns');
    expect(uns).toMatchObject({ tls: { insecureSkipVerify: true } });
    expect(securityWarnings('uns', uns!)).toEqual([
      expect.objectContaining({ path: ['sources', 'uns', 'tls', 'insecureSkipVerify'] }),
    ]);
    const verified = parsePlantTemplate(
      text.replace('tls: { insecureSkipVerify: true }', 'tls: { caFile: /etc/mw/ca.pem }'),
      'p.yaml',
    ).sources.get('uns');
    expect(verified).toMatchObject({ tls: { insecureSkipVerify: false } });
  });

  it('refuses a tls block on a URL that does not open TLS', () => {
    const text = withSourceLines('uns', '    tls: { caFile: /etc/mw/ca.pem }\n');
    expect(issuesOf(text).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['sources.uns.url', 'a source with tls needs an mqtts://, ssl:// or wss:// URL'],
    ]);
  });

  it('warns when an MQTT password would travel in clear text', () => {
    const text = withSourceLines('uns', '    username: edge\n    passwordFile: /etc/mw/mqtt\n');
    const uns = parsePlantTemplate(text, 'p.yaml').sources.get('uns');
    expect(securityWarnings('uns', uns!).map((w) => w.message)).toEqual([
      'the MQTT password travels in clear text: use mqtts:// with tls',
    ]);
  });
});

describe('plant template identities', () => {
  it('refuses a work center or area defined twice, at the second definition', () => {
    const text = example.replace(
      '- { id: WC-ASSY-2, type: uns-cell, with: { area: assembly, cell: WC-ASSY-2 } }',
      '- { id: WC-PRESS-1, type: uns-cell, with: { area: assembly, cell: WC-ASSY-2 } }',
    );
    expect(issuesOf(text).map((i) => [i.path.join('.'), i.line, i.message])).toEqual([
      [
        'areas.1.workCenters.1.id',
        lineOf(text, '- { id: WC-PRESS-1, type: uns-cell'),
        'work center "WC-PRESS-1" is defined twice (first at areas.0.workCenters.0)',
      ],
    ]);
  });
});
