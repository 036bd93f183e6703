import { loadConfig } from '../../../services/platform/index.ts';
import { thrownBy } from '../../support/thrown.ts';

describe('ERP configuration', () => {
  it('defaults to the built-in simulator with an ack wait that outlasts a call and a read-back', () => {
    const { erp } = loadConfig({ MILLWRIGHT_ERP_TIMEOUT_MS: '20000' });
    expect(erp).toMatchObject({
      url: undefined,
      timeoutMs: 20_000,
      ackWaitMs: 60_000,
      simulatorPort: 4300,
    });
  });

  it('names the option when the ack wait would not outlast a call and a read-back', () => {
    const error = thrownBy(() =>
      loadConfig({ MILLWRIGHT_ERP_TIMEOUT_MS: '2000', MILLWRIGHT_ERP_ACK_WAIT_MS: '3000' }),
    );
    expect(error).toMatchObject({ type: 'MW_CONFIG_INVALID' });
    expect((error as Error).message).toContain('MILLWRIGHT_ERP_ACK_WAIT_MS');
  });

  it('names the option for a URL that is not http(s) and a time zone that does not exist', () => {
    const url = thrownBy(() => loadConfig({ MILLWRIGHT_ERP_URL: 'ftp://erp' }));
    expect((url as Error).message).toContain('MILLWRIGHT_ERP_URL');
    const zone = thrownBy(() => loadConfig({ MILLWRIGHT_ERP_TIME_ZONE: 'Mars/Olympus' }));
    expect((zone as Error).message).toContain('MILLWRIGHT_ERP_TIME_ZONE: an IANA time zone');
  });
});
