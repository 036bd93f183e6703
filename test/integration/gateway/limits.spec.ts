// REST gateway limits over real HTTP: a body over the size limit is refused with 413 (audited)
// and a key past its burst gets 429 with Retry-After while other keys go on.
import { validOrder } from './fixtures.ts';
import { KEYS, useTestGateway } from './harness.ts';

const gateway = useTestGateway();

describe('REST gateway: limits', () => {
  it('refuses a body over the size limit with 413, audited', async () => {
    const order = {
      ...validOrder(),
      routing: { id: 'R1', revision: 'A', operations: [], padding: 'x'.repeat(5000) },
    };
    const reply = await gateway.call('POST', '/api/v1/orders', { key: KEYS.operator, body: order });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({
      type: 'MW_GATEWAY_PAYLOAD_TOO_LARGE',
      data: { limitBytes: 4096 },
    });
    expect(gateway.auditOf(reply.correlationId)).toMatchObject([
      { status: 413, outcome: 'MW_GATEWAY_PAYLOAD_TOO_LARGE' },
    ]);
  });

  it('answers 429 with Retry-After once a key has used its burst, other keys unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await gateway.call('GET', '/api/v1/nodes/self', { key: KEYS.flood })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    const limited = await gateway.call('GET', '/api/v1/nodes/self', { key: KEYS.flood });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      type: 'MW_GATEWAY_RATE_LIMITED',
      retryable: true,
      data: { limitPerMinute: 60 },
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await gateway.call('GET', '/api/v1/nodes/self', { key: KEYS.viewer })).status).toBe(
      200,
    );
  });
});
