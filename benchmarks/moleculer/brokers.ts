// Broker options for both ends of the moleculer suite: Millwright's own (createBrokerOptions:
// correlation middleware, error regenerator, Pino logger) with either its msgpackr serializer
// or Moleculer's JSON one, so the suite measures the broker as it is shipped.
import type { BrokerOptions } from 'moleculer';
import { createBrokerOptions, loadConfig } from '../../services/platform/index.ts';

export type SerializerName = 'json' | 'msgpackr';

/** The message the calls carry: a work-center reading, about 200 bytes as JSON. */
export const CALL_PARAMS = Object.freeze({
  workCenter: 'WC-0001',
  sequence: 42,
  quantity: { value: 12.5, unit: 'KG' },
  samples: [20.1, 20.3, 20.2, 20.6, 21.0, 20.9, 20.4, 20.5, 20.7, 20.8],
  recordedAt: '2026-01-05T08:00:00.000Z',
});

export function brokerOptions(
  url: string,
  serializer: SerializerName,
  nodeId: string,
): BrokerOptions {
  const config = loadConfig(
    {},
    {
      TRANSPORTER: url,
      MILLWRIGHT_NAMESPACE: `bench-${serializer}`,
      MILLWRIGHT_NODE_ID: nodeId,
      MILLWRIGHT_METRICS_PORT: '0',
      LOG_LEVEL: 'error',
    },
  );
  const options = createBrokerOptions(config);
  return serializer === 'json' ? { ...options, serializer: 'JSON' } : options;
}
