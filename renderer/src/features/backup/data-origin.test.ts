import { describe, expect, test } from 'vitest';
import {
  askDurableStorage,
  dataOriginCookie,
  dataOriginOf,
  durableStorageState,
  originNote,
} from './data-origin';

describe('where the desk keeps its data (issue 11 §3)', () => {
  test('a desk at another port learns the origin that holds the office', () => {
    const cookie = dataOriginCookie('http://127.0.0.1:8470').split(';')[0] ?? '';
    const jar = `theme=dark; ${cookie}`;
    expect(dataOriginOf(jar)).toBe('http://127.0.0.1:8470');
    expect(originNote(jar, 'http://127.0.0.1:5173')).toEqual({
      kind: 'elsewhere',
      origin: 'http://127.0.0.1:8470',
    });
    // The same address that held it: its data is gone (cleared, or another browser profile).
    expect(originNote(jar, 'http://127.0.0.1:8470')).toEqual({
      kind: 'lostHere',
      origin: 'http://127.0.0.1:8470',
    });
    expect(originNote('theme=dark', 'http://127.0.0.1:5173')).toBeNull();
  });

  test('the cookie is long-lived, site-wide and names an origin only', () => {
    const cookie = dataOriginCookie('http://localhost:4173');
    expect(cookie).toContain('path=/');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toMatch(/max-age=\d{9}/);
  });

  test.each([
    'akimat-desk-data=javascript%3Aalert(1)',
    'akimat-desk-data=http%3A%2F%2Fhost%2Fpath',
    'akimat-desk-data=%E0%A4%A',
    'akimat-desk-data=',
  ])('anything but a plain http(s) origin is ignored: %s', (jar) => {
    expect(dataOriginOf(jar)).toBeNull();
  });

  test('persistent storage: asked once, the answer reported as it is', async () => {
    let granted = false;
    const asked: string[] = [];
    const storage = {
      persisted: () => Promise.resolve(granted),
      persist: () => {
        asked.push('persist');
        granted = true;
        return Promise.resolve(true);
      },
    };
    expect(await durableStorageState(storage)).toBe('notPersisted');
    expect(await askDurableStorage(storage)).toBe('persisted');
    expect(await askDurableStorage(storage)).toBe('persisted');
    expect(asked).toEqual(['persist']);
    const refusing = {
      persisted: () => Promise.resolve(false),
      persist: () => Promise.resolve(false),
    };
    expect(await askDurableStorage(refusing)).toBe('notPersisted');
    expect(await askDurableStorage(undefined)).toBe('unsupported');
    expect(await durableStorageState({})).toBe('unsupported');
  });
});
