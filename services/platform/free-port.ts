// A TCP port free on loopback a moment ago, found by letting the kernel pick one: for servers
// that need their number before they listen (node-opcua, the demo's plant simulator). Another
// process may take it in between, so callers that can listen on port 0 should do that instead.
import { createServer } from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}
