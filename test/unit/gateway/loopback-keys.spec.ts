// A loopback-only key (the demo's printed key) is accepted from this host only: refused from
// any other address and from a local proxy that forwards someone else's request; the key
// file's keys are unaffected by where the call comes from.
import {
  ApiKeyStore,
  Authenticator,
  createApiKey,
  type ApiKeyEntry,
} from '../../../services/gateway/index.ts';
import { isLoopback } from '../../../services/gateway/authenticate.ts';
import { thrownBy } from '../../support/thrown.ts';

const demo = createApiKey();
const filed = createApiKey();
const authenticator = new Authenticator(
  new ApiKeyStore([{ id: 'ops', role: 'viewer', sha256: filed.sha256 }]),
  undefined,
  new ApiKeyStore([{ id: 'demo', role: 'operator', sha256: demo.sha256 } satisfies ApiKeyEntry]),
);
const withKey = (key: string, extra: Record<string, string> = {}) => ({
  authorization: `ApiKey ${key}`,
  ...extra,
});

describe('loopback-only API keys', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('are accepted from %s', (ip) => {
    expect(authenticator.authenticate(withKey(demo.key), ip)).toEqual({
      kind: 'api-key',
      id: 'demo',
      role: 'operator',
    });
    expect(authenticator.authenticate({ 'x-api-key': demo.key }, ip).id).toBe('demo');
  });

  it.each([
    ['another host', '10.1.2.3', {}],
    ['an IPv6 peer', 'fe80::1', {}],
    ['a mapped non-loopback address', '::ffff:192.168.1.4', {}],
    ['an unknown peer', null, {}],
    ['a local proxy (X-Forwarded-For)', '127.0.0.1', { 'x-forwarded-for': '10.1.2.3' }],
    ['a local proxy (Forwarded)', '127.0.0.1', { forwarded: 'for=10.1.2.3' }],
  ])('are refused from %s with MW_GATEWAY_UNAUTHENTICATED', (_, ip, extra) => {
    const error = thrownBy(() => authenticator.authenticate(withKey(demo.key, extra), ip));
    expect(error).toMatchObject({
      type: 'MW_GATEWAY_UNAUTHENTICATED',
      data: { reason: 'this key is accepted from this host (loopback) only' },
    });
  });

  it('leave the keys of the key file usable from anywhere', () => {
    expect(authenticator.authenticate(withKey(filed.key), '10.1.2.3').id).toBe('ops');
    expect(authenticator.configured).toEqual({ apiKeys: 1, loopbackKeys: 1, jwt: false });
  });

  it('tell loopback addresses from others', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.2'].map(isLoopback)).toEqual([true, true, true]);
    expect(['128.0.0.1', '::2', '1270.0.0.1', '::ffff:10.0.0.1'].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
