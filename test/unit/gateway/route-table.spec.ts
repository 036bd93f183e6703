// The route table is checked when it loads: one entry per method and path, path parameters
// declared, no body on GET; 405 needs the methods served at a path.
import { z } from 'zod';
import {
  allowedMethods,
  defineRoutes,
  ROUTES,
  type GatewayRoute,
} from '../../../services/gateway/index.ts';
import { contracts } from '../../../contracts/index.ts';

const route: GatewayRoute = {
  method: 'POST',
  path: '/dlq/:id/replay',
  action: 'dlq.replay',
  role: 'operator',
  tag: 'dlq',
  summary: 'Replay a dead letter.',
  pathParams: z.strictObject({ id: z.string() }),
};

const { pathParams: _pathParams, ...withoutParams } = route;

describe('route table', () => {
  it('routes orders.release with the catalogue contract of that action', () => {
    const release = ROUTES.find((r) => r.action === 'orders.release');
    expect(release).toMatchObject({ method: 'POST', path: '/orders', role: 'operator' });
    expect(release?.body?.schema).toBe(contracts.get('orders.release').schema);
  });

  it('refuses a method and path defined twice', () => {
    expect(() => defineRoutes([route, { ...route, action: 'other' }])).toThrow(/defined twice/);
  });

  it('refuses path parameters that are not declared, or declared but unused', () => {
    expect(() => defineRoutes([withoutParams])).toThrow(/must declare exactly id/);
    expect(() =>
      defineRoutes([{ ...route, path: '/dlq', pathParams: z.strictObject({ id: z.string() }) }]),
    ).toThrow(/must declare exactly nothing/);
  });

  it('refuses a body on a GET route', () => {
    expect(() =>
      defineRoutes([
        {
          ...withoutParams,
          method: 'GET',
          path: '/x',
          body: { name: 'x', schema: z.object({}) },
        },
      ]),
    ).toThrow(/GET route takes no body/);
  });

  it('lists the methods served at a path, parameters matched', () => {
    const table = defineRoutes([route, { ...route, method: 'DELETE', action: 'dlq.discard' }]);
    expect(allowedMethods(table, '/dlq/42/replay')).toEqual(['POST', 'DELETE']);
    expect(allowedMethods(table, '/dlq/42/replay/')).toEqual(['POST', 'DELETE']);
    expect(allowedMethods(table, '/dlq//replay')).toEqual([]);
    expect(allowedMethods(table, '/dlq/42')).toEqual([]);
  });
});
