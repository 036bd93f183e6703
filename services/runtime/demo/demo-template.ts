// The plant template of the demo's edge: examples/plants/p100.yaml with its sources pointed at
// the simulator this run started (OPC UA endpoint and the edge's PKI folder; the embedded
// broker's mqtts:// URL, MQTT 3.1.1 for aedes, its certificate and the edge's login). Machine
// types, work centers and crosswalks stay the example's own. Writes text; validates nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export const EXAMPLE_PLANT_TEMPLATE = join(
  import.meta.dirname,
  '../../../examples/plants/p100.yaml',
);

export interface DemoLinks {
  readonly opcuaEndpoint: string;
  /** The edge's OPC UA PKI: its certificate, and the simulator's in trusted/certs. */
  readonly pkiFolder: string;
  readonly mqttUrl: string;
  readonly caFile: string;
  readonly username: string;
  readonly passwordFile: string;
}

type Source = Record<string, unknown>;

export function demoTemplateText(links: DemoLinks, example = EXAMPLE_PLANT_TEMPLATE): string {
  const template = parse(readFileSync(example, 'utf8')) as { sources: Record<string, Source> };
  const { presses, uns, spb } = template.sources;
  const mqtt = {
    url: links.mqttUrl,
    mqttVersion: 4, // aedes speaks MQTT 3.1.1 only
    username: links.username,
    passwordFile: links.passwordFile,
    tls: { caFile: links.caFile },
  };
  template.sources = {
    presses: {
      ...presses,
      endpoint: links.opcuaEndpoint,
      security: { mode: 'SignAndEncrypt', policy: 'Basic256Sha256', pkiFolder: links.pkiFolder },
    },
    uns: { ...uns, ...mqtt },
    spb: { ...spb, ...mqtt },
  };
  return [
    '# Written by the plant demo of `millwright start` for this run; edits are overwritten.',
    `# Made from ${example}: the same plant, its sources pointed at the demo's simulator.`,
    stringify(template),
  ].join('\n');
}
