// The embedded MQTT broker of embedded mode (aedes on a loopback TCP port), so `npm start` and
// `millwright simulate` need no Mosquitto. Optionally over TLS and admitting only named users
// (MQTT 3.1.1 §3.1.3.4 / §3.1.3.5 User Name, Password: CONNACK 0x04 otherwise). aedes 1.x is
// ESM-only: it is imported dynamically.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

export interface BrokerCredentials {
  readonly username: string;
  readonly password: string;
}

export interface EmbeddedBrokerOptions {
  /** 0 (default): a free port. */
  readonly port?: number;
  /** Only these users may connect; unset: anonymous clients are admitted (tests, benchmarks). */
  readonly users?: readonly BrokerCredentials[];
  /** Serve MQTT over TLS (mqtts://) with this key and certificate (PEM). */
  readonly tls?: { readonly keyPem: string; readonly certPem: string };
}

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const same = (a: string, b: Buffer | undefined): boolean => {
  const expected = Buffer.from(a);
  return b !== undefined && b.length === expected.length && timingSafeEqual(b, expected);
};

/** Starts aedes on 127.0.0.1 (a port number is the old form of `{ port }`). */
export async function startEmbeddedBroker(
  options: EmbeddedBrokerOptions | number = {},
): Promise<EmbeddedBroker> {
  const { port = 0, users, tls } = typeof options === 'number' ? { port: options } : options;
  const { Aedes } = await import('aedes');
  const broker = await Aedes.createBroker(
    users === undefined
      ? {}
      : {
          authenticate: (_client, username, password, done) => {
            const known = users.some((u) => u.username === username && same(u.password, password));
            if (known) done(null, true);
            else
              done(Object.assign(new Error('bad user name or password'), { returnCode: 4 }), false);
          },
        },
  );
  const handle = (socket: Socket) => {
    broker.handle(socket);
  };
  const server: Server =
    tls === undefined
      ? createServer(handle)
      : createTlsServer({ key: tls.keyPem, cert: tls.certPem }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `${tls === undefined ? 'mqtt' : 'mqtts'}://127.0.0.1:${bound}`,
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
