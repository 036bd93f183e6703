// Public surface of the MQTT JSON (Unified Namespace) adapter and the shared MQTT transport.
export { MqttJsonAdapter } from './mqtt.adapter.ts';
export type { AdapterOptions } from './mqtt.adapter.ts';
export { clientOptions, openConnection } from './mqtt-connection.ts';
export type { MqttConnectionSettings, MqttConnectOptions } from './mqtt-connection.ts';
export { UnsMapping } from './uns-mapping.ts';
