// The gateway's audit records in the node's hash-chained log: who (the principal, never the
// credential), what, the outcome as ok / refused / failed with the MW_* code, and every field
// of the gateway's own record kept in the details.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainedGatewayAudit, type AuditRecord } from '../../../services/gateway/index.ts';
import { AuditLog } from '../../../services/platform/index.ts';

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  at: '2025-03-14T10:00:00.000Z',
  requestId: 'r-1',
  correlationId: 'c-1',
  principal: { kind: 'api-key', id: 'ops', role: 'operator' },
  method: 'POST',
  path: '/api/v1/dlq/4/replay',
  action: 'erp.connector.replay',
  status: 200,
  outcome: 'ok',
  ip: '127.0.0.1',
  bodySha256: null,
  ...over,
});

describe('gateway audit in the hash-chained log', () => {
  it('appends ok, refused and failed calls with the gateway fields as details', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-gw-audit-'));
    const log = new AuditLog(join(dir, 'audit.sqlite'));
    const audit = new ChainedGatewayAudit(log);
    await audit.append(record({}));
    await audit.append(
      record({
        principal: null,
        status: 401,
        outcome: 'MW_GATEWAY_UNAUTHENTICATED',
        correlationId: null,
      }),
    );
    await audit.append(record({ status: 422, outcome: 'MW_CONTRACT_INVALID', action: null }));
    const entries = log.list();
    expect(entries.map((e) => [e.actor, e.action, e.target, e.outcome, e.correlationId])).toEqual([
      ['api-key:ops', 'erp.connector.replay', 'POST /api/v1/dlq/4/replay', 'ok', 'c-1'],
      [
        'anonymous',
        'erp.connector.replay',
        'POST /api/v1/dlq/4/replay',
        'refused: MW_GATEWAY_UNAUTHENTICATED',
        undefined,
      ],
      [
        'api-key:ops',
        'POST /api/v1/dlq/4/replay',
        'POST /api/v1/dlq/4/replay',
        'failed: MW_CONTRACT_INVALID',
        'c-1',
      ],
    ]);
    expect(entries[0]!.details).toEqual(record({}));
    expect(log.verify()).toEqual({ ok: true, entries: 3 });
    log.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
