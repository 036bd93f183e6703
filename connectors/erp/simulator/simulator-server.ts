// The loopback HTTP server under the ERP and QMS simulators: listens on a given or free port,
// keeps track of open sockets, and on close ends them too, so a hanging request (a scripted
// fault) cannot keep a test or a node from stopping.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

export class SimulatorServer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #port = 0;

  constructor(handler: RequestListener) {
    this.#server = createServer({ keepAliveTimeout: 5_000 }, handler);
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  /** Port 0 (the default) lets the kernel pick a free one. */
  listen(port = 0, host = '127.0.0.1'): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        const address = this.#server.address();
        this.#port = typeof address === 'object' && address !== null ? address.port : 0;
        resolve();
      });
    });
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.#server.close(() => {
        resolve();
      }),
    );
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }
}
