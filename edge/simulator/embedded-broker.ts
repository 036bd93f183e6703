// The embedded MQTT broker of embedded mode (aedes on a loopback TCP port), so `npm start` and
// `millwright simulate` need no Mosquitto. aedes 1.x is ESM-only: it is imported dynamically.
import { createServer, type Server } from 'node:net';

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts aedes on `port` (0: a free one) on 127.0.0.1. */
export async function startEmbeddedBroker(port = 0): Promise<EmbeddedBroker> {
  const { Aedes } = await import('aedes');
  const broker = await Aedes.createBroker();
  const server: Server = createServer((socket) => {
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `mqtt://127.0.0.1:${bound}`,
    port: bound,
    async close() {
      await new Promise<void>((resolve) => {
        broker.close(() => {
          resolve();
        });
      });
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
