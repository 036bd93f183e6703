// Public surface of the REST gateway's plain modules (the Moleculer service is
// services/gateway.service.ts).
export { ApiKeyEntry, ApiKeyStore, createApiKey, hashApiKey, loadApiKeys } from './api-keys.ts';
export { AuditLog, bodyDigest, ChainedGatewayAudit, TeeGatewayAudit } from './audit.ts';
export type { AuditRecord, GatewayAudit } from './audit.ts';
export { Authenticator, createAuthenticator } from './authenticate.ts';
export type { Principal } from './authenticate.ts';
export { toHttpError } from './http-errors.ts';
export { JwtVerifier } from './jwt.ts';
export type { JwtVerifierOptions, VerifiedToken } from './jwt.ts';
export { buildOpenApiDocument } from './openapi.ts';
export { RateLimiter } from './rate-limit.ts';
export type { RateDecision, RateLimitOptions } from './rate-limit.ts';
export { checkReadiness } from '../platform/readiness.ts';
export type { ReadinessPort, ReadinessReport } from '../platform/readiness.ts';
export { serveRoute } from './request-pipeline.ts';
export type { GatewayRequest, HttpAnswer, PipelinePorts } from './request-pipeline.ts';
export { highestRole, Role, roleAllows } from './roles.ts';
export {
  allowedMethods,
  API_PREFIX,
  contractBody,
  defineRoutes,
  isMutating,
} from './route-table.ts';
export type { GatewayRoute, HttpMethod, RouteInput } from './route-table.ts';
export { ROUTES } from './routes.ts';
