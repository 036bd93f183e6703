// `edge.sparkplug`: hosts the Sparkplug B sources as Primary Host application of the plant template, each with its store-and-forward buffer and
// quarantine. Thin: all behaviour lives in edge/; actions metrics, quarantine, replay.
import type { ServiceSchema } from 'moleculer';
import { edgeSourceService, type EdgeServiceOptions } from './edge/source-service.ts';

export function edgeSparkplugService(options: EdgeServiceOptions): ServiceSchema {
  return edgeSourceService('edge.sparkplug', 'sparkplug', options);
}
