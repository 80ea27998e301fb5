// Every reason code in identity/ and signing/ is a message key that must exist in both locales.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PIN_FAILURES } from '../signing/pin';
import type { PinWrong } from '../signing/pin';
import { IIN_FAILURES } from './iin';
import { PHONE_FAILURES } from './phone';

const PIN_WRONG: PinWrong = 'identity:pin.wrong';
const KEYS: readonly string[] = [...IIN_FAILURES, ...PHONE_FAILURES, ...PIN_FAILURES, PIN_WRONG];

function load(locale: 'kk' | 'ru'): unknown {
  const url = new URL(`../../locales/${locale}/identity.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}

function lookup(tree: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      tree,
    );
}

describe.each(['kk', 'ru'] as const)('locales/%s/identity.json', (locale) => {
  const tree = load(locale);
  test.each(KEYS)('has %s', (key) => {
    const [namespace, path] = key.split(':');
    expect(namespace).toBe('identity');
    const text = lookup(tree, path ?? '');
    expect(typeof text).toBe('string');
    expect((text as string).trim()).not.toBe('');
  });
});

test('Kazakh texts use Cyrillic і (U+0456), never Latin i', () => {
  const raw = readFileSync(new URL('../../locales/kk/identity.json', import.meta.url), 'utf8');
  const values = raw.match(/: "[^"]*"/g) ?? [];
  for (const v of values) expect(v.replace(/SMS/g, '')).not.toMatch(/[A-Za-z]/);
});
