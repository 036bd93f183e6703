// A loopback TCP proxy in front of nats-server for one node: `partition()` cuts every
// connection through it and refuses new ones, `heal()` lets them in again. The node process
// keeps running; only its network to NATS goes away, as in a real partition.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '../../../support/servers/index.ts';

export class TcpProxy {
  readonly #sockets = new Set<Socket>();
  #blocked = false;
  #server: Server | undefined;
  port = 0;

  constructor(readonly upstreamPort: number) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.#server = createServer((client) => {
      if (this.#blocked) {
        client.destroy();
        return;
      }
      const upstream = connect(this.upstreamPort, '127.0.0.1');
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.#sockets.add(a);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          this.#sockets.delete(a);
          b.destroy();
        });
        a.pipe(b);
      }
    });
    await new Promise<void>((resolve) => this.#server?.listen(this.port, '127.0.0.1', resolve));
  }

  partition(): void {
    this.#blocked = true;
    for (const socket of this.#sockets) socket.destroy();
  }

  heal(): void {
    this.#blocked = false;
  }

  async stop(): Promise<void> {
    this.partition();
    const server = this.#server;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}
