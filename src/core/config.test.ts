import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from './config.ts';

describe('config', () => {
  it('has defaults that run on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, sessionIdleMinutes: 30, loginMaxFailures: 5 });
    expect(config.databaseUrl).toBeUndefined();
    expect(describeConfig(config).database).toBe('pglite');
  });

  it('lets CLI flags win over environment variables', () => {
    expect(loadConfig({ PORT: '9000' }, { port: '9100' }).port).toBe(9100);
  });

  it('stops on a bad value with a message naming each setting', () => {
    const bad = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PORT \(--port\)/);
    expect(bad).toThrow(/DATABASE_URL \(--database-url\): must start with postgres:\/\//);
    expect(bad).toThrow(/LOG_LEVEL/);
  });

  it('hides secrets when describing the config', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:s3cret@db:5432/onecity',
      ONECITY_ADMIN_PASSWORD: 'Admin#2026x',
    });
    const shown = JSON.stringify(describeConfig(config));
    expect(shown).not.toContain('s3cret');
    expect(shown).not.toContain('Admin#2026x');
    expect(shown).toContain('postgres://app:***@db:5432/onecity');
  });

  it('takes the open-data license from the known ones, CC-BY-4.0 by default', () => {
    expect(loadConfig({}).openDataLicense).toBe('CC-BY-4.0');
    expect(loadConfig({ ONECITY_OPEN_DATA_LICENSE: 'CC0-1.0' }).openDataLicense).toBe('CC0-1.0');
    expect(() => loadConfig({ ONECITY_OPEN_DATA_LICENSE: 'MIT' })).toThrow(
      /ONECITY_OPEN_DATA_LICENSE \(--open-data-license\)/,
    );
  });
});
