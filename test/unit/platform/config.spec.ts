import { isMillwrightError } from '../../../contracts/index.ts';
import { loadConfig } from '../../../services/platform/index.ts';

function configError(env: Record<string, string>): { message: string; type: string } {
  try {
    loadConfig(env);
  } catch (error) {
    if (isMillwrightError(error)) return error;
    throw error;
  }
  throw new Error('expected MW_CONFIG_INVALID');
}

describe('configuration', () => {
  it('defaults to embedded mode with no transporter', () => {
    const config = loadConfig({});
    expect(config.transporter).toBeUndefined();
    expect(config.namespace).toBe('millwright');
    expect(config.metricsPort).toBe(3030);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('selects NATS when TRANSPORTER is a nats:// URL', () => {
    expect(loadConfig({ TRANSPORTER: 'nats://127.0.0.1:4222' }).transporter).toBe(
      'nats://127.0.0.1:4222',
    );
    expect(loadConfig({ TRANSPORTER: 'nats://a:4222,nats://b:4222' }).transporter).toBe(
      'nats://a:4222,nats://b:4222',
    );
  });

  it('fails at start naming TRANSPORTER when it is not a NATS URL', () => {
    const error = configError({ TRANSPORTER: 'redis://localhost' });
    expect(error.type).toBe('MW_CONFIG_INVALID');
    expect(error.message).toMatch(/TRANSPORTER: must be nats:\/\/host:port/);
  });

  it('names every bad option at once', () => {
    const error = configError({ LOG_LEVEL: 'loud', MILLWRIGHT_METRICS_PORT: '70000' });
    expect(error.message).toContain('LOG_LEVEL');
    expect(error.message).toContain('MILLWRIGHT_METRICS_PORT');
  });

  it('lets overrides (CLI flags) win over the environment', () => {
    expect(loadConfig({ MILLWRIGHT_PLANT: 'P100' }, { MILLWRIGHT_PLANT: 'P200' }).plant).toBe(
      'P200',
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ TRANSPORTER: '' }).transporter).toBeUndefined();
  });
});
