// Public surface of the Sparkplug B host application adapter.
export { HostSession } from './host-session.ts';
export type { Outcome } from './host-session.ts';
export { SparkplugHostAdapter } from './sparkplug.adapter.ts';
export { decodePayload, encodePayload } from './sparkplug-codec.ts';
export type { Metric, OutgoingMetric, Payload } from './sparkplug-codec.ts';
export { edgeTopic, NAMESPACE, parseTopic, stateTopic } from './sparkplug-topic.ts';
export type { MessageType, SparkplugTopic } from './sparkplug-topic.ts';
