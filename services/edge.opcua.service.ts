// `edge.opcua`: hosts the OPC UA sources: subscriptions, watchdog, secure sessions of the plant template, each with its store-and-forward buffer and
// quarantine. Thin: all behaviour lives in edge/; actions metrics, quarantine, replay.
import type { ServiceSchema } from 'moleculer';
import { edgeSourceService, type EdgeServiceOptions } from './edge/source-service.ts';

export function edgeOpcuaService(options: EdgeServiceOptions): ServiceSchema {
  return edgeSourceService('edge.opcua', 'opcua', options);
}
