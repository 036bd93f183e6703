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
]);
