import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ATTACHMENT_REASONS, attachmentPath, SHA256_HEX } from './attachments';

describe('scans on their own channel', () => {
  test('a scan is addressed by 64 lowercase hex digits of its SHA-256', () => {
    expect(SHA256_HEX.test('ab'.repeat(32))).toBe(true);
    expect(SHA256_HEX.test('AB'.repeat(32))).toBe(false);
    expect(SHA256_HEX.test('ab'.repeat(31))).toBe(false);
    expect(attachmentPath('ab'.repeat(32))).toBe(`/v1/attachments/${'ab'.repeat(32)}`);
  });

  const load = (lang: string) =>
    JSON.parse(
      readFileSync(new URL(`../../locales/${lang}/sync.json`, import.meta.url), 'utf8'),
    ) as Record<string, Record<string, string>>;
  test.each(['kk', 'ru'])('%s has words for every reason a scan may not travel', (lang) => {
    const tree = load(lang);
    for (const key of ATTACHMENT_REASONS) {
      const [group = '', name = ''] = key.slice('sync:'.length).split('.');
      expect(tree[group]?.[name], key).toEqual(expect.any(String));
    }
  });
});
