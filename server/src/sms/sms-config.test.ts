// The hub's SMS settings (HUB_SMS_URL, HUB_SMS_TOKEN): the outbox unless both are given; the token
// travels over HTTPS only, or plain HTTP to a gateway on this machine.
import { describe, expect, test } from 'vitest';
import { HubConfigError, readHubConfig } from '../config';
import { gatewayOf } from './gateway';

describe('SMS settings', () => {
  test('unset: the outbox adapter, nothing leaves the machine', () => {
    const config = readHubConfig({});
    expect(config.sms).toEqual({ kind: 'outbox' });
    expect(gatewayOf(config.sms).kind).toBe('outbox');
  });

  test('URL and token: the HTTP adapter', () => {
    const config = readHubConfig({
      HUB_SMS_URL: 'https://sms.example.kz/api/send',
      HUB_SMS_TOKEN: 'secret',
    });
    expect(config.sms).toEqual({
      kind: 'http',
      url: 'https://sms.example.kz/api/send',
      token: 'secret',
    });
    expect(gatewayOf(config.sms).kind).toBe('http');
    expect(
      readHubConfig({ HUB_SMS_URL: 'http://127.0.0.1:9000/', HUB_SMS_TOKEN: 't' }).sms.kind,
    ).toBe('http');
  });

  test('one without the other, or a token over plain HTTP to another machine, does not start', () => {
    expect(() => readHubConfig({ HUB_SMS_URL: 'https://sms.example.kz/' })).toThrow(HubConfigError);
    expect(() => readHubConfig({ HUB_SMS_TOKEN: 'secret' })).toThrow(HubConfigError);
    expect(() =>
      readHubConfig({ HUB_SMS_URL: 'http://sms.example.kz/', HUB_SMS_TOKEN: 'secret' }),
    ).toThrow(/HUB_SMS_URL must be https/);
    // The error names the setting, never the token.
    try {
      readHubConfig({ HUB_SMS_URL: 'http://sms.example.kz/', HUB_SMS_TOKEN: 'secret' });
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
  });
});
