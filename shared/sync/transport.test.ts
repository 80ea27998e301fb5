import { describe, expect, test } from 'vitest';
import { checkHubAddress, HUB_KEY_PIN, isLoopbackHost, pinMatches } from './transport';

describe('the hub address a desk may join', () => {
  test('loopback names and 127.0.0.0/8 are loopback; other hosts are not', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ['hub.akkol.kz', '10.0.0.5', '128.0.0.1', '127.0.0.1.nip.io', '0.0.0.0']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  test('plain http is refused beyond loopback, allowed on this machine', () => {
    expect(checkHubAddress('http://hub.akkol.kz:8470')).toEqual({
      ok: false,
      reason: 'sync:transport.plainHttp',
    });
    expect(checkHubAddress('http://10.0.0.5')).toEqual({
      ok: false,
      reason: 'sync:transport.plainHttp',
    });
    expect(checkHubAddress('http://127.0.0.1:8470/')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8470',
      loopback: true,
    });
    expect(checkHubAddress(' https://hub.akkol.kz/akimat/ ')).toEqual({
      ok: true,
      url: 'https://hub.akkol.kz/akimat',
      loopback: false,
    });
  });

  test('what is not a plain hub address is refused as such', () => {
    for (const address of [
      '',
      'hub.akkol.kz',
      'ftp://hub.akkol.kz',
      'file:///etc/passwd',
      'https://user:pw@hub.akkol.kz',
      'https://hub.akkol.kz/?iin=1',
      'https://hub.akkol.kz/#x',
      'javascript:alert(1)',
    ]) {
      expect(checkHubAddress(address)).toEqual({ ok: false, reason: 'sync:transport.badAddress' });
    }
  });

  test('a pinned key must match; no pin leaves the decision to the platform', () => {
    const pin = 'q'.repeat(43) + '=';
    expect(HUB_KEY_PIN.test(pin)).toBe(true);
    expect(HUB_KEY_PIN.test('')).toBe(true);
    expect(HUB_KEY_PIN.test('short=')).toBe(false);
    expect(pinMatches(pin, pin)).toBe(true);
    expect(pinMatches(pin, 'r'.repeat(43) + '=')).toBe(false);
    expect(pinMatches('', 'anything')).toBe(true);
  });
});
