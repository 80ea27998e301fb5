import { describe, expect, test } from 'vitest';
import { defaultHubDataDir, readHubConfig } from './config';

describe('hub configuration', () => {
  test('defaults to the embedded database in the user data folder', () => {
    const config = readHubConfig({});
    expect(config.port).toBe(8470);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: defaultHubDataDir() });
    expect(defaultHubDataDir()).toMatch(/akimat-desk/);
  });

  test('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = readHubConfig({ DATABASE_URL: 'postgres://hub@localhost:5432/akimat' });
    expect(config.database).toEqual({
      kind: 'postgresql',
      url: 'postgres://hub@localhost:5432/akimat',
    });
  });

  test('the data folder can be overridden', () => {
    expect(readHubConfig({ AKIMAT_HUB_DATA_DIR: '/srv/hub' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/srv/hub',
    });
  });

  test('a bad value stops the start with the field name and without echoing the value', () => {
    expect(() => readHubConfig({ HUB_PORT: 'eighty' })).toThrow(/HUB_PORT/);
    expect(() => readHubConfig({ DATABASE_URL: 'secret-password' })).toThrow(/DATABASE_URL/);
    expect(() => readHubConfig({ DATABASE_URL: 'secret-password' })).not.toThrow(/secret/);
  });
});
