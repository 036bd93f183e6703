// The REST routes of the gateway: one entry per route. To add a route, add an entry; validation,
// role checks, audit and /openapi.json follow from it. Routes for services not yet built are
// listed in docs/gateway.md (plant status).
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

const code = (what: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, `${what}: letters, digits, '-' and '_'`);
const deadLetterId = z.strictObject({ id: z.coerce.number().int().positive() });
const lookup = (what: string) => z.strictObject({ plant: code('plant'), code: code(what) });

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
    method: 'GET',
    path: '/dlq/:id',
    action: 'erp.connector.show',
    role: 'viewer',
    tag: 'dlq',
    summary: 'One dead letter: the event, reason code, message, data and attempts.',
    pathParams: deadLetterId,
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
    method: 'POST',
    path: '/dlq/:id/discard',
    action: 'erp.connector.discard',
    role: 'operator',
    tag: 'dlq',
    summary: 'Drop a dead letter for good (the event is not posted); audited.',
    pathParams: deadLetterId,
  },
  {
    method: 'GET',
    path: '/oee',
    action: 'analytics.oee',
    role: 'viewer',
    tag: 'analytics',
    summary: 'ISO 22400 OEE of one work center in one shift (local date and shift name).',
    query: z.strictObject({
      plant: code('plant'),
      workCenter: code('workCenter'),
      date: z.iso.date(),
      shift: z.string().min(1).max(32),
    }),
  },
  {
    method: 'GET',
    path: '/trace/:correlationId',
    action: 'platform.trace',
    role: 'viewer',
    tag: 'trace',
    summary: 'The chain of a correlation id: source, business events, ERP postings and documents.',
    pathParams: z.strictObject({ correlationId: z.string().min(1).max(128) }),
    toParams: ({ pathParams }) => ({ id: pathParams['correlationId'] }),
  },
  {
    method: 'GET',
    path: '/trace',
    action: 'platform.trace',
    role: 'viewer',
    tag: 'trace',
    summary: 'The chain behind an ERP document number ("4900000123/2025" or the number alone).',
    query: z.strictObject({ erpDocument: z.string().regex(/^\d{4,12}(\/\d{1,8})?$/) }),
    toParams: ({ query }) => ({ id: query['erpDocument'] }),
  },
  {
    method: 'POST',
    path: '/masterdata',
    action: 'masterdata.load',
    role: 'integrator',
    tag: 'masterdata',
    summary: 'Load a new version of the master data of one plant (audited).',
    body: contractBody('masterdata.load'),
  },
  {
    method: 'GET',
    path: '/masterdata/:plant',
    action: 'masterdata.describe',
    role: 'viewer',
    tag: 'masterdata',
    summary: 'Every loaded master data version of a plant, with its counts.',
    pathParams: z.strictObject({ plant: code('plant') }),
  },
  {
    method: 'GET',
    path: '/masterdata/:plant/materials/:code',
    action: 'masterdata.getMaterial',
    role: 'viewer',
    tag: 'masterdata',
    summary: 'One material of the newest master data of a plant.',
    pathParams: lookup('material'),
  },
  {
    method: 'GET',
    path: '/masterdata/:plant/work-centers/:code',
    action: 'masterdata.getWorkCenter',
    role: 'viewer',
    tag: 'masterdata',
    summary: 'One work center of the newest master data of a plant.',
    pathParams: lookup('work center'),
  },
  {
    method: 'GET',
    path: '/masterdata/:plant/routings/:code',
    action: 'masterdata.getRouting',
    role: 'viewer',
    tag: 'masterdata',
    summary: 'One routing (current revision and operations) of a plant.',
    pathParams: lookup('routing'),
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
