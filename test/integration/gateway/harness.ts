// One gateway per integration suite, over real HTTP on a free port: an API key per role (a key
// file plus one environment entry), HS256 and RS256 JWT keys, small size and rate limits, an
// audit file, test services behind the routes (orders.release, probe.item), and a dashboard
// hub so the live stream (GET /api/v1/stream) is served and documented as on a real node.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker, type Context } from 'moleculer';
import { z } from 'zod';
import { DashboardHub } from '../../../services/dashboard/index.ts';
import { gatewayAddress, gatewayService } from '../../../services/gateway.service.ts';
import {
  createApiKey,
  defineRoutes,
  hashApiKey,
  ROUTES,
  type AuditRecord,
  type GatewayRoute,
  type Role,
} from '../../../services/gateway/index.ts';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { platformNodeService } from '../../../services/platform.node.service.ts';
import { validOrder } from './fixtures.ts';

export const JWT_SECRET = 'a-test-hs256-secret-that-is-long-enough';
export const RSA = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const RANKS: Role[] = ['viewer', 'operator', 'integrator', 'admin'];
const KEY_NAMES = ['viewer', 'operator', 'integrator', 'admin', 'flood'] as const;
export type KeyName = (typeof KEY_NAMES)[number];
/** The key of each name; `flood` is a viewer kept for the rate-limit test. */
export const KEYS = Object.fromEntries(
  KEY_NAMES.map((name) => [name, createApiKey().key]),
) as Record<KeyName, string>;

/** Two routes beyond the real table: path + query validation, and a service that runs nowhere. */
export const ALL_ROUTES = defineRoutes([
  ...ROUTES,
  {
    method: 'GET',
    path: '/test/items/:item',
    action: 'probe.item',
    role: 'viewer',
    tag: 'test',
    summary: 'Path and query validation.',
    pathParams: z.strictObject({ item: z.string().regex(/^\d+$/) }),
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(10).default(5) }),
  },
  {
    method: 'POST',
    path: '/test/absent',
    action: 'absent.act',
    role: 'operator',
    tag: 'test',
    summary: 'A route whose service runs on no node.',
  },
]);

export const urlOf = (route: GatewayRoute) => `/api/v1${route.path.replace(/:[A-Za-z]+/g, '1')}`;
export const validBodyOf = (route: GatewayRoute) =>
  route.action === 'orders.release' ? validOrder() : undefined;

export interface Reply {
  status: number;
  headers: Headers;
  correlationId: string;
  body: { type?: string; message?: string; data?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
}

export interface CallOptions {
  key?: string;
  token?: string;
  body?: string | object;
  contentType?: string;
}

export interface Released {
  params: unknown;
  user: unknown;
  correlationId: unknown;
}

export interface TestGateway {
  readonly broker: ServiceBroker;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What the test orders.release action received, in order. */
  readonly released: Released[];
  /** One HTTP call; each gets its own correlation id so its audit record can be found exactly. */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  auditOf(correlationId: string): AuditRecord[];
}

function keyFileText(): string {
  const lines = KEY_NAMES.filter((name) => name !== 'viewer').map((name) => {
    const role = name === 'flood' ? 'viewer' : name;
    return `  - { id: ${name}-key, role: ${role}, sha256: ${hashApiKey(KEYS[name])} }`;
  });
  return `keys:\n${lines.join('\n')}\n`;
}

/** Registers beforeAll / afterAll for the suite and returns the gateway they run. */
export function useTestGateway(): TestGateway {
  const dir = mkdtempSync(join(tmpdir(), 'mw-gateway-'));
  const auditFile = join(dir, 'audit.jsonl');
  const released: Released[] = [];
  let broker: ServiceBroker | undefined;
  let base = '';
  let sequence = 0;

  beforeAll(async () => {
    const keyFile = join(dir, 'keys.yaml');
    writeFileSync(keyFile, keyFileText());
    const publicKeyFile = join(dir, 'jwt.pub.pem');
    writeFileSync(publicKeyFile, RSA.publicKey.export({ type: 'spki', format: 'pem' }));
    const config = loadConfig({
      MILLWRIGHT_DATA_DIR: dir,
      MILLWRIGHT_METRICS_PORT: '0',
      LOG_LEVEL: 'error',
      MILLWRIGHT_GATEWAY_PORT: '0',
      MILLWRIGHT_GATEWAY_API_KEYS_FILE: keyFile,
      MILLWRIGHT_GATEWAY_API_KEYS: `viewer-key:viewer:${hashApiKey(KEYS.viewer)}`,
      MILLWRIGHT_GATEWAY_JWT_SECRET: JWT_SECRET,
      MILLWRIGHT_GATEWAY_JWT_PUBLIC_KEY_FILE: publicKeyFile,
      MILLWRIGHT_GATEWAY_JWT_AUDIENCE: 'millwright',
      MILLWRIGHT_GATEWAY_BODY_LIMIT_BYTES: '4096',
      MILLWRIGHT_GATEWAY_RATE_LIMIT_PER_MINUTE: '60',
      MILLWRIGHT_GATEWAY_RATE_LIMIT_BURST: '30',
      MILLWRIGHT_GATEWAY_AUDIT_FILE: auditFile,
      MILLWRIGHT_READY_SERVICES: 'orders',
    });
    broker = new ServiceBroker(createBrokerOptions(config));
    broker.createService(
      gatewayService(config, { routes: ALL_ROUTES, dashboard: new DashboardHub() }),
    );
    broker.createService(platformNodeService(config));
    broker.createService({
      name: 'orders',
      actions: {
        release(ctx: Context<{ order: string }, { user?: unknown; correlationId?: string }>) {
          const { user, correlationId } = ctx.meta;
          released.push({ params: ctx.params, user, correlationId });
          return { order: ctx.params.order, status: 'released' };
        },
      },
    });
    broker.createService({
      name: 'probe',
      actions: { item: (ctx: Context) => ({ params: ctx.params }) },
    });
    await broker.start();
    base = gatewayAddress(broker)!.url;
  });

  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    get broker() {
      if (broker === undefined) throw new Error('the test gateway has not started');
      return broker;
    },
    get url() {
      return base;
    },
    released,
    async call(method, path, options = {}) {
      const correlationId = `test-${++sequence}`;
      const headers: Record<string, string> = { 'X-Correlation-ID': correlationId };
      if (options.key !== undefined) headers['Authorization'] = `ApiKey ${options.key}`;
      if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['Content-Type'] = options.contentType ?? 'application/json';
      }
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? {} : (JSON.parse(text) as Reply['body']),
        correlationId,
      };
    },
    auditOf(correlationId) {
      return readFileSync(auditFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as AuditRecord)
        .filter((record) => record.correlationId === correlationId);
    },
  };
}
