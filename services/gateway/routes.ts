// The REST routes of the gateway: one entry per route. To add a route, add an entry; validation,
// role checks, audit and /openapi.json follow from it. Routes for services not yet built are
// listed in docs/gateway.md (DLQ, OEE, trace, master data, plant status).
import { z } from 'zod';
import { contractBody, defineRoutes } from './route-table.ts';

/** What `platform.node.describe` answers (services/platform.node.service.ts). */
const NodeDescription = z.object({
  nodeId: z.string(),
  version: z.string(),
  plant: z.string(),
  namespace: z.string(),
  mode: z.enum(['embedded', 'cluster']),
  serializer: z.string(),
  services: z.array(z.string()),
  uptimeSeconds: z.number(),
});

const deadLetterId = z.strictObject({ id: z.coerce.number().int().positive() });

export const ROUTES = defineRoutes([
  {
    method: 'GET',
    path: '/nodes/self',
    action: 'platform.node.describe',
    role: 'viewer',
    tag: 'platform',
    summary: 'Describe the node serving this gateway: version, plant, mode, services.',
    response: NodeDescription,
    local: true,
  },
  {
    method: 'POST',
    path: '/orders',
    action: 'orders.release',
    role: 'operator',
    tag: 'orders',
    summary: 'Release an ERP production order to the shop floor (validated against master data).',
    body: contractBody('orders.release'),
  },
  {
    method: 'GET',
    path: '/dlq',
    action: 'erp.connector.list',
    role: 'viewer',
    tag: 'dlq',
    summary: "The ERP connector's dead letters, oldest first, with reason code and attempts.",
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1_000).default(100) }),
  },
  {
    method: 'POST',
    path: '/dlq/:id/replay',
    action: 'erp.connector.replay',
    role: 'operator',
    tag: 'dlq',
    summary:
      'Post a dead-lettered event again under its own id (never a second document); audited.',
    pathParams: deadLetterId,
  },
  {
    method: 'GET',
    path: '/dashboard',
    action: 'dashboard.snapshot',
    role: 'viewer',
    tag: 'dashboard',
    summary: 'What the dashboard shows: nodes, actors, ERP postings, dead letters, metrics, OEE.',
    local: true,
  },
]);
