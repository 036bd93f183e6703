// `gateway`: the REST surface (moleculer-web) over the route table of services/gateway/routes.ts,
// plus /health, /ready and /openapi.json for supervisors and tools. Thin: every request goes
// through serveRoute (auth, rate limit, roles, validation, audit); this file only wires HTTP.
import { mkdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Context, Service, ServiceBroker, ServiceSchema } from 'moleculer';
import ApiGateway, { type IncomingRequest } from 'moleculer-web';
import { MillwrightError } from '../contracts/index.ts';
import {
  API_PREFIX,
  AuditLog,
  buildOpenApiDocument,
  ChainedGatewayAudit,
  checkReadiness,
  createAuthenticator,
  isMutating,
  RateLimiter,
  ROUTES,
  serveRoute,
  TeeGatewayAudit,
  toHttpError,
  type ApiKeyEntry,
  type GatewayRoute,
  type PipelinePorts,
} from './gateway/index.ts';
import { openSnapshotStream, STREAM_ROUTE, type OpenStream } from './gateway/event-stream.ts';
import { loadStaticFiles, redirect, sendStatic } from './gateway/static-files.ts';
import type { DashboardHub } from './dashboard/index.ts';
import { callerCorrelationId, routingError, sendAnswer, toGatewayRequest } from './gateway/http.ts';
import { AuditLog as NodeAuditLog, readinessOf, type MillwrightConfig } from './platform/index.ts';
import { readOptionFile } from './platform/secret.ts';
import { millwrightVersion } from './runtime/version.ts';

export interface GatewayServiceOptions {
  /** The route table; tests pass their own, nodes use ROUTES. */
  readonly routes?: readonly GatewayRoute[];
  /** The node's hash-chained audit log; without one the gateway opens its own in the data dir. */
  readonly audit?: NodeAuditLog;
  /** Snapshots of the `dashboard` service in this process: serves the page and its stream. */
  readonly dashboard?: DashboardHub;
  /** API keys accepted from loopback addresses only (the embedded demo's key, decision 0606). */
  readonly loopbackKeys?: readonly ApiKeyEntry[];
}

type RouteHandler = (this: Service, req: IncomingRequest, res: ServerResponse) => void;

export function gatewayService(
  config: MillwrightConfig,
  options: GatewayServiceOptions = {},
): ServiceSchema {
  const settings = config.gateway;
  const routes = options.routes ?? ROUTES;
  const authenticator = createAuthenticator(settings, options.loopbackKeys);
  const rateLimiter = new RateLimiter(settings.rateLimit);
  const log = options.audit ?? openOwnLog(config.dataDir);
  const chained = new ChainedGatewayAudit(log);
  const audit = new TeeGatewayAudit(
    settings.auditFile === undefined ? [chained] : [chained, AuditLog.open(settings.auditFile)],
  );
  // The live stream is served only where the dashboard runs, and documented only there.
  const documented = options.dashboard === undefined ? routes : [...routes, STREAM_ROUTE];
  const openApi = buildOpenApiDocument(documented, { version: millwrightVersion() });

  function portsFor(service: Service, req: IncomingRequest): PipelinePorts {
    const ctx = req.$ctx as unknown as Context;
    return {
      authenticator,
      rateLimiter,
      audit,
      perMinute: settings.rateLimit.perMinute,
      call: (route, params, principal) =>
        ctx.call(route.action, params, {
          meta: { user: principal },
          ...(route.local === true ? { nodeID: service.broker.nodeID } : {}),
        }),
      unexpected: (error) => {
        service.logger.error({ err: error }, 'gateway: unexpected error');
      },
    };
  }

  const aliases: Record<string, RouteHandler> = {};
  for (const route of routes) {
    aliases[`${route.method} ${route.path}`] = function (this: Service, req, res) {
      const request = toGatewayRequest(req);
      void serveRoute(route, request, portsFor(this, req)).then((answer) => {
        sendAnswer(res, answer, request.correlationId);
      });
    };
  }

  // The dashboard's live stream: the same authentication, rate limit, role check and audit of
  // refusals as any route (serveRoute), then SSE instead of one JSON answer.
  const streams = new Set<OpenStream>();
  const hub = options.dashboard;
  if (hub !== undefined)
    aliases[`GET ${STREAM_ROUTE.path}`] = function (this: Service, req, res) {
      const request = toGatewayRequest(req);
      const ports = { ...portsFor(this, req), call: () => Promise.resolve({ stream: true }) };
      void serveRoute(STREAM_ROUTE, request, ports).then((answer) => {
        if (answer.status !== 200) {
          sendAnswer(res, answer, request.correlationId);
          return;
        }
        streams.add(openSnapshotStream(res, hub, (closed) => streams.delete(closed)));
      });
    };

  async function onError(this: Service, req: IncomingRequest, res: ServerResponse, err: Error) {
    const request = toGatewayRequest(req);
    const answer = toHttpError(routingError(err, routes, req), {
      action: null,
      bodyLimitBytes: settings.bodyLimitBytes,
      unexpected: (error) => {
        this.logger.error({ err: error }, 'gateway: unexpected error');
      },
    });
    if (isMutating(request.method))
      await audit
        .append({
          at: new Date().toISOString(),
          requestId: request.requestId,
          correlationId: request.correlationId,
          principal: null,
          method: request.method,
          path: request.path,
          action: null,
          status: answer.status,
          outcome: answer.body.type,
          ip: request.ip,
          bodySha256: null,
        })
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'gateway: audit write failed');
        });
    sendAnswer(res, answer, request.correlationId);
  }

  const probes: Record<string, RouteHandler> = {
    'GET /health'(_req, res) {
      const body = {
        status: 'ok',
        nodeId: this.broker.nodeID,
        uptimeSeconds: Math.round(process.uptime()),
      };
      sendAnswer(res, { status: 200, headers: {}, body }, null);
    },
    'GET /ready'(_req, res) {
      const report = checkReadiness(readinessOf(this.broker), settings.readyServices);
      const answer = report.ready
        ? { status: 200, headers: {}, body: report }
        : toHttpError(
            new MillwrightError('MW_GATEWAY_NOT_READY', 'node is not ready', report.checks),
            { action: null, unexpected: () => undefined },
          );
      sendAnswer(res, answer, null);
    },
    'GET /openapi.json'(_req, res) {
      sendAnswer(res, { status: 200, headers: {}, body: openApi }, null);
    },
  };
  if (hub !== undefined) {
    // The page is public (it holds no data); everything it shows comes over /api with a key.
    const files = loadStaticFiles();
    probes['GET /'] = (_req, res) => {
      redirect(res, '/dashboard');
    };
    probes['GET /dashboard'] = (_req, res) => {
      sendStatic(res, files.get('index.html'));
    };
    probes['GET /dashboard/:file'] = (req, res) => {
      const file = (req.$params as { file?: unknown } | undefined)?.file;
      sendStatic(res, typeof file === 'string' ? files.get(file) : undefined);
    };
  }

  const https =
    settings.tlsCertFile === undefined || settings.tlsKeyFile === undefined
      ? undefined
      : {
          cert: readOptionFile('MILLWRIGHT_GATEWAY_TLS_CERT_FILE', settings.tlsCertFile),
          key: readOptionFile('MILLWRIGHT_GATEWAY_TLS_KEY_FILE', settings.tlsKeyFile),
        };

  return {
    name: 'gateway',
    mixins: [ApiGateway],
    settings: {
      port: settings.port,
      ip: settings.host,
      ...(https === undefined ? {} : { https }),
      logRequest: 'debug',
      logResponse: 'debug',
      logRequestParams: null,
      logRouteRegistration: 'debug',
      onError,
      rootCallOptions(options: { requestID?: string | undefined }, req: IncomingRequest) {
        options.requestID = callerCorrelationId(req);
      },
      routes: [
        { path: '/', bodyParsers: false, mappingPolicy: 'restrict', aliases: probes, onError },
        {
          path: API_PREFIX,
          mergeParams: false,
          mappingPolicy: 'restrict',
          bodyParsers: { json: { limit: settings.bodyLimitBytes, strict: true } },
          aliases,
          onError,
        },
      ],
    },
    // Routes come from the table only: no adding or listing routes over the cluster.
    actions: { addRoute: false, removeRoute: false, listAliases: false },
    started(this: Service) {
      const { apiKeys, loopbackKeys, jwt } = authenticator.configured;
      if (apiKeys + loopbackKeys === 0 && !jwt)
        this.logger.warn(
          'gateway: no API keys and no JWT key configured; every /api call is refused',
        );
    },
    async stopped() {
      // Open streams would keep the HTTP server from closing (moleculer-web stops it after this).
      for (const stream of [...streams]) stream.close();
      await audit.close();
      if (options.audit === undefined) log.close();
    },
  };
}

/** A gateway run without a node (tests, embedding code) keeps its own hash-chained log. */
function openOwnLog(dataDir: string): NodeAuditLog {
  mkdirSync(dataDir, { recursive: true });
  return new NodeAuditLog(join(dataDir, 'audit.sqlite'));
}

/** The address the gateway listens on (its port when configured with 0), once started. */
export function gatewayAddress(broker: ServiceBroker): { url: string; port: number } | undefined {
  const service = broker.getLocalService('gateway') as
    (Service & { server?: { address(): unknown }; isHTTPS?: boolean }) | undefined;
  const address = service?.server?.address() as
    { address: string; port: number } | null | undefined;
  if (address === undefined || address === null) return undefined;
  const scheme = service?.isHTTPS === true ? 'https' : 'http';
  return { url: `${scheme}://${address.address}:${address.port}`, port: address.port };
}
