// What a REST route is: method and path under /api/v1, the Moleculer action it calls, the
// role it needs, and the zod contracts of its body, query and path parameters. The same
// definitions drive validation and the OpenAPI document. No HTTP or Moleculer code here.
import type { z } from 'zod';
import { contracts } from '../../contracts/index.ts';
import type { Role } from './roles.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const API_PREFIX = '/api/v1';

export interface RouteInput {
  readonly body: unknown;
  readonly query: Record<string, unknown>;
  readonly pathParams: Record<string, unknown>;
}

export interface GatewayRoute {
  readonly method: HttpMethod;
  /** Under API_PREFIX, with `:name` path parameters, e.g. `/dlq/:id/replay`. */
  readonly path: string;
  readonly action: string;
  readonly role: Role;
  readonly summary: string;
  /** OpenAPI tag: the area the route belongs to. */
  readonly tag: string;
  /** Contract of the JSON body: a catalogue name (contracts/registry.ts) and its schema. */
  readonly body?: { readonly name: string; readonly schema: z.ZodType };
  readonly query?: z.ZodObject;
  /** Required when the path has `:name` parameters, one key per parameter. */
  readonly pathParams?: z.ZodObject;
  /** Documented response (OpenAPI only; the action's own contract governs it). */
  readonly response?: z.ZodType;
  /** What a success sends: one JSON document (the default) or a server-sent event stream. */
  readonly responseMediaType?: 'application/json' | 'text/event-stream';
  /** OpenAPI operationId when the action alone is not unique in the table. */
  readonly operationId?: string;
  /** HTTP status of a success; 200 unless the route says otherwise. */
  readonly successStatus?: number;
  /** Call the action on the gateway's own node (e.g. "describe this node"). */
  readonly local?: boolean;
  /** Action params from the validated input; default: path params, query and body merged. */
  readonly toParams?: (input: RouteInput) => unknown;
}

/** The body contract of a catalogued action or event, by name. */
export function contractBody(name: string): { name: string; schema: z.ZodType } {
  return { name, schema: contracts.get(name).schema };
}

export function isMutating(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
}

export function defaultParams(input: RouteInput): unknown {
  const { body, query, pathParams } = input;
  if (body === undefined) return { ...query, ...pathParams };
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return { ...query, ...pathParams, ...body };
  const bare = Object.keys(query).length === 0 && Object.keys(pathParams).length === 0;
  return bare ? body : { ...query, ...pathParams, body };
}

function pattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/:[A-Za-z][A-Za-z0-9_]*/g, '[^/]+')}/?$`);
}

/** Methods the table serves at a path under API_PREFIX (for 405 and its Allow header). */
export function allowedMethods(routes: readonly GatewayRoute[], path: string): HttpMethod[] {
  return routes.filter((route) => pattern(route.path).test(path)).map((route) => route.method);
}

/** Checks a table once at load: unique method + path, path parameters declared, bodies only where allowed. */
export function defineRoutes(routes: readonly GatewayRoute[]): readonly GatewayRoute[] {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`gateway route ${key} is defined twice`);
    seen.add(key);
    if (!route.path.startsWith('/'))
      throw new Error(`gateway route ${key}: path must start with /`);
    const declared = Object.keys(route.pathParams?.shape ?? {}).sort();
    const used = pathParamNames(route.path).sort();
    if (declared.join() !== used.join())
      throw new Error(
        `gateway route ${key}: pathParams must declare exactly ${used.join(', ') || 'nothing'}`,
      );
    if (route.body !== undefined && !isMutating(route.method))
      throw new Error(`gateway route ${key}: a ${route.method} route takes no body`);
  }
  return Object.freeze([...routes]);
}
