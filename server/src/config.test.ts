import { describe, expect, test } from 'vitest';
import { defaultHubDataDir, readHubConfig } from './config';

const PIN = 'q'.repeat(43) + '=';

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

  test('answers loopback names, the host it listens on, and the names it is told; limits per minute', () => {
    expect(readHubConfig({}).allowedHosts).toEqual([
      '127.0.0.1',
      'localhost',
      '[::1]',
      '127.0.0.1',
    ]);
    const open = readHubConfig({
      HUB_HOST: '0.0.0.0',
      HUB_ALLOWED_HOSTS: 'Hub.Akk.example, 10.0.0.5',
      HUB_RATE_LIMIT: '0',
      HUB_TLS_PROXY_PIN: PIN,
    });
    expect(open.allowedHosts).toEqual([
      '127.0.0.1',
      'localhost',
      '[::1]',
      'hub.akk.example',
      '10.0.0.5',
    ]);
    expect(open.rateLimitPerMinute).toBe(0);
    expect(readHubConfig({}).rateLimitPerMinute).toBe(1200);
  });

  test('beyond loopback the hub speaks HTTPS only: its own certificate or a proxy whose key desks pin', () => {
    expect(readHubConfig({}).tls).toEqual({ kind: 'none' });
    for (const host of ['0.0.0.0', '10.0.0.5', 'hub.akk.example']) {
      expect(() => readHubConfig({ HUB_HOST: host })).toThrow(/HUB_TLS_CERT/);
    }
    expect(
      readHubConfig({
        HUB_HOST: '0.0.0.0',
        HUB_TLS_CERT: '/etc/hub.crt',
        HUB_TLS_KEY: '/etc/hub.key',
      }).tls,
    ).toEqual({ kind: 'own', certFile: '/etc/hub.crt', keyFile: '/etc/hub.key' });
    expect(readHubConfig({ HUB_HOST: '10.0.0.5', HUB_TLS_PROXY_PIN: PIN }).tls).toEqual({
      kind: 'proxy',
      keyPin: PIN,
    });
    expect(() => readHubConfig({ HUB_TLS_CERT: '/etc/hub.crt' })).toThrow(/go together/);
    expect(() => readHubConfig({ HUB_TLS_PROXY_PIN: 'not-a-pin' })).toThrow(/HUB_TLS_PROXY_PIN/);
    expect(() =>
      readHubConfig({ HUB_TLS_CERT: '/a', HUB_TLS_KEY: '/b', HUB_TLS_PROXY_PIN: PIN }),
    ).toThrow(/exclude/);
  });
});
