import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs on the embedded defaults with the sandbox when no Cafe24 credentials are set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.useSandbox).toBe(true);
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses real Cafe24 when credentials are set', () => {
    const config = loadConfig({ CAFE24_CLIENT_ID: 'id', CAFE24_CLIENT_SECRET: 'secret' });
    expect(config.useSandbox).toBe(false);
  });

  it('lists every bad variable by name at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CAFE24_CLIENT_ID: 'only-id' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('CAFE24_CLIENT_ID and CAFE24_CLIENT_SECRET must be set together');
    }
  });

  it('splits comma-separated scopes', () => {
    expect(loadConfig({ CAFE24_SCOPES: 'mall.read_order, mall.write_order' }).cafe24Scopes).toEqual([
      'mall.read_order',
      'mall.write_order',
    ]);
  });
});
