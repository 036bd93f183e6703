// Server-sent events (WHATWG HTML, section 9.2) of dashboard snapshots: one `snapshot` event at
// once and one per snapshot after, a comment line as heartbeat so proxies keep the connection.
// Authentication happens before (the route's role); this only writes the stream.
import type { ServerResponse } from 'node:http';
import type { DashboardHub, DashboardSnapshot } from '../dashboard/index.ts';
import type { GatewayRoute } from './route-table.ts';

const HEARTBEAT_MS = 15_000;

/** An SSE event: data lines may not contain a bare newline, JSON.stringify never emits one. */
export const sseEvent = (event: string, data: unknown): string =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export interface OpenStream {
  close(): void;
}

export function openSnapshotStream(
  res: ServerResponse,
  hub: DashboardHub,
  onClosed: (stream: OpenStream) => void,
): OpenStream {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const send = (snapshot: DashboardSnapshot) => res.write(sseEvent('snapshot', snapshot));
  res.write('retry: 3000\n\n');
  if (hub.latest !== undefined) send(hub.latest);
  const unsubscribe = hub.subscribe(send);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  let open = true;
  const stream: OpenStream = {
    close() {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      unsubscribe();
      res.end();
      onClosed(stream);
    },
  };
  res.on('close', () => {
    stream.close();
  });
  return stream;
}

/** `GET /api/v1/stream`: authenticated like a route of the table, answered as SSE. */
export const STREAM_ROUTE: GatewayRoute = {
  method: 'GET',
  path: '/stream',
  action: 'dashboard.snapshot',
  role: 'viewer',
  tag: 'dashboard',
  summary:
    'Live dashboard snapshots as server-sent events: a `snapshot` event (the JSON of GET /api/v1/dashboard) at once and after each collection, a comment line as heartbeat.',
  operationId: 'dashboard.stream',
  responseMediaType: 'text/event-stream',
};
