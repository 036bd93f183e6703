// `edge.mqtt`: hosts the MQTT UNS (plain JSON) sources on persistent QoS 1 sessions of the plant template, each with its store-and-forward buffer and
// quarantine. Thin: all behaviour lives in edge/; actions metrics, quarantine, replay.
import type { ServiceSchema } from 'moleculer';
import { edgeSourceService, type EdgeServiceOptions } from './edge/source-service.ts';

export function edgeMqttService(options: EdgeServiceOptions): ServiceSchema {
  return edgeSourceService('edge.mqtt', 'mqtt', options);
}
