// The simulator's own control endpoints under /sim/ (not SAP): counts for test oracles, master
// data, periods, repeatability and scripted faults. Used by the CLI and by tests that run the
// simulator in another process; in-process tests call the ErpSimulator methods directly.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from './fault-script.ts';
import { readJson, sendJson } from './http-io.ts';
import type { ErpSimulator } from './erp-simulator.ts';

interface AdminBody {
  readonly material?: string;
  readonly lockedBy?: string;
  readonly period?: string;
  readonly closed?: boolean;
  readonly enabled?: boolean;
  readonly kind?: FaultKind;
  readonly forMs?: number;
  readonly delayMs?: number;
  readonly scope?: 'all' | 'writes';
}

function control(sim: ErpSimulator, route: string, body: AdminBody, url: URL): unknown {
  const query = (name: string) => url.searchParams.get(name) ?? undefined;
  switch (route) {
    case 'GET /sim/counts':
      return sim.counts();
    case 'GET /sim/references':
      return Object.fromEntries(sim.documentsByReference());
    case 'GET /sim/stock':
      return sim.stock(query('material') ?? '', query('plant'), query('batch'));
    case 'POST /sim/faults':
      sim.fault({
        kind: body.kind ?? 'error500',
        forMs: body.forMs ?? 0,
        ...(body.delayMs === undefined ? {} : { delayMs: body.delayMs }),
        ...(body.scope === undefined ? {} : { scope: body.scope }),
      });
      return null;
    case 'DELETE /sim/faults':
      sim.clearFaults();
      return null;
    case 'POST /sim/materials':
      sim.addMaterial(body.material ?? '', body.lockedBy);
      return null;
    case 'DELETE /sim/materials':
      sim.removeMaterial(body.material ?? '');
      return null;
    case 'POST /sim/periods':
      sim.setPeriodClosed(body.period ?? '', body.closed ?? true);
      return null;
    case 'PUT /sim/repeatability':
      sim.repeatability = body.enabled ?? true;
      return null;
    default:
      return undefined;
  }
}

export async function handleAdmin(
  sim: ErpSimulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  const body = (req.method === 'GET' ? {} : await readJson(req)) as AdminBody;
  const result = control(sim, route, body, url);
  if (result === undefined) sendJson(res, 404, { error: `no simulator endpoint ${route}` });
  else if (result === null) sendJson(res, 204, null);
  else sendJson(res, 200, result);
}
