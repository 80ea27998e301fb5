import { describe, expect, test } from 'vitest';
import { isAllowedNavigation, resolveDeskFile } from './navigation';

describe('navigation guard', () => {
  test('allows the desk origin only', () => {
    expect(isAllowedNavigation('app://desk/index.html', null)).toBe(true);
    expect(isAllowedNavigation('https://example.org/', null)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', null)).toBe(false);
    expect(isAllowedNavigation('app://other/index.html', null)).toBe(false);
    expect(isAllowedNavigation('not a url', null)).toBe(false);
  });

  test('allows the dev server only when one was given', () => {
    expect(isAllowedNavigation('http://localhost:5173/journal', 'http://localhost:5173')).toBe(
      true,
    );
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', null)).toBe(false);
  });
});

describe('desk files', () => {
  const files = new Set(['index.html', 'assets/index-abc.js']);
  const has = (p: string) => files.has(p);

  test('serves known files and falls back to index.html', () => {
    expect(resolveDeskFile('app://desk/', has)).toBe('index.html');
    expect(resolveDeskFile('app://desk/assets/index-abc.js', has)).toBe('assets/index-abc.js');
    expect(resolveDeskFile('app://desk/journal', has)).toBe('index.html');
  });

  test('never leaves the build folder', () => {
    // The URL parser already folds dot segments; what is left must still stay inside.
    expect(resolveDeskFile('app://desk/%2e%2e/%2e%2e/etc/passwd', has)).toBe('index.html');
    expect(resolveDeskFile('app://desk/..%2F..%2Fetc%2Fpasswd', has)).toBeNull();
    expect(resolveDeskFile('app://desk/assets/..%5c..%5csecret', has)).toBeNull();
    expect(resolveDeskFile('app://evil/index.html', has)).toBeNull();
  });
});
