// The example plant P100 with its sources pointed at the servers a test started.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalSample, EncodedFrame } from '../../../edge/framing/index.ts';
import { decodeFrame, isCarriedBase } from '../../../native/index.ts';
import {
  parsePlantTemplate,
  tagOf as tagIn,
  type PlantModel,
} from '../../../edge/template/index.ts';

export const exampleTemplate = readFileSync(
  join(import.meta.dirname, '../../../examples/plants/p100.yaml'),
  'utf8',
);

export interface ServerUrls {
  readonly mqtt?: string;
  /** 4 for aedes, which speaks MQTT 3.1.1 only. */
  readonly mqttVersion?: 4 | 5;
  readonly opcua?: string;
}

export function plantText(urls: ServerUrls, text = exampleTemplate): string {
  let result = text;
  if (urls.mqtt !== undefined) {
    const version = urls.mqttVersion === undefined ? '' : `\n    mqttVersion: ${urls.mqttVersion}`;
    result = result.replaceAll('url: mqtt://127.0.0.1:1883', `url: ${urls.mqtt}${version}`);
  }
  if (urls.opcua !== undefined)
    result = result.replaceAll('opc.tcp://127.0.0.1:4840/millwright/sim', urls.opcua);
  return result;
}

export function plant(urls: ServerUrls, text?: string): PlantModel {
  return parsePlantTemplate(plantText(urls, text), 'p100.yaml');
}

/**
 * Every observed sample of the frames (carried base readings left out: they repeat a reading
 * of an earlier frame), in frame order, with its frame's work center and source.
 */
export function samplesOf(frames: readonly EncodedFrame[]): CanonicalSample[] {
  return frames.flatMap(({ header, bytes }) => {
    const { columns } = decodeFrame(bytes, { copy: true });
    const samples: CanonicalSample[] = [];
    columns.tags.forEach((tag, i) => {
      const quality = columns.quality[i] ?? 0;
      if (isCarriedBase(quality)) return;
      samples.push({
        workCenter: header.workCenter,
        source: header.source,
        tag,
        timestampMs: columns.timestampsMs[i] ?? Number.NaN,
        value: columns.values[i] ?? Number.NaN,
        quality: quality as CanonicalSample['quality'],
      });
    });
    return samples;
  });
}

const example = parsePlantTemplate(exampleTemplate, 'p100.yaml');

/** The tag of a signal of a work center of the example plant. */
export function tagOf(workCenter: string, signal: string): number {
  return tagIn(example, workCenter, signal);
}
