// Liveness and readiness over HTTP on every node, whatever groups it runs, for process
// supervisors (systemd, Kubernetes probes): GET /health answers while the process runs,
// GET /ready answers 200 with the readiness report or 503 MW_PLATFORM_NOT_READY. Serves nothing
// else and needs no credentials: it reveals only states and service names (decision 0605).
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MillwrightError } from '../../contracts/index.ts';
import type { ReadinessReport } from '../platform/index.ts';

export interface ProbeServerOptions {
  readonly host: string;
  readonly port: number;
  readonly nodeId: string;
  readonly readiness: () => ReadinessReport;
}

export interface ProbeServer {
  /** `http://host:port` as bound. */
  readonly url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export async function startProbeServer(options: ProbeServerOptions): Promise<ProbeServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { error: 'only GET' });
    } else if (path === '/health') {
      send(res, 200, {
        status: 'ok',
        nodeId: options.nodeId,
        uptimeSeconds: Math.round(process.uptime()),
      });
    } else if (path === '/ready') {
      const report = options.readiness();
      if (report.ready) {
        send(res, 200, report);
      } else {
        const error = new MillwrightError(
          'MW_PLATFORM_NOT_READY',
          `node ${options.nodeId} is not ready`,
          report.checks,
        );
        const { type, message, retryable, data } = error;
        send(res, 503, { type, message, retryable, data });
      }
    } else {
      send(res, 404, { error: 'probes: /health and /ready' });
    }
  });
  // Probes are short requests from a supervisor: never hold the process open on keep-alive.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
