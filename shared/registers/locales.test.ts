import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { REGISTER_EVENT_TYPES } from './events';
import {
  REGISTER_ID_REUSED,
  REGISTER_REJECTION_CODES,
  REGISTER_VALIDATION,
  registerRejection,
} from './messages';
import { REGISTER_FILE_REASONS } from './register-file';
import { REGISTER_STATUSES } from './state';

type Tree = { readonly [key: string]: Tree | string };

function load(lang: 'kk' | 'ru'): Tree {
  const url = new URL(`../../locales/${lang}/registers.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Tree;
}

function lookup(tree: Tree, key: string): string | undefined {
  const [namespace, path = ''] = key.split(':');
  if (namespace !== 'registers') return undefined;
  let node: Tree | string | undefined = tree;
  for (const part of path.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    return typeof v === 'string' ? [key] : leaves(v, key);
  });
}

/** Every key the register model can hand to a person. */
const KEYS_IN_CODE: readonly string[] = [
  ...REGISTER_REJECTION_CODES.map(registerRejection),
  REGISTER_ID_REUSED,
  ...Object.values(REGISTER_VALIDATION),
  ...Object.values(REGISTER_FILE_REASONS),
  ...REGISTER_STATUSES.map((s) => `registers:statuses.${s}`),
];

describe('register messages in both languages', () => {
  const kk = load('kk');
  const ru = load('ru');

  test.each(KEYS_IN_CODE)('%s has a Kazakh and a Russian text', (key) => {
    expect(lookup(kk, key)?.trim()).toBeTruthy();
    expect(lookup(ru, key)?.trim()).toBeTruthy();
  });

  test('the model’s groups hold nothing the code does not give', () => {
    for (const group of ['rejections', 'conflicts', 'validation', 'file', 'statuses']) {
      const inCode = KEYS_IN_CODE.filter((k) => k.startsWith(`registers:${group}.`)).sort();
      for (const tree of [kk, ru]) {
        const node = tree[group];
        const inFile = typeof node === 'object' ? leaves(node, group) : [];
        expect(inFile.map((k) => `registers:${k}`).sort()).toEqual(inCode);
      }
    }
  });

  test('both files hold the same keys', () => {
    // i18next plural forms differ by language (kk: one/other, ru: one/few/many/other).
    const base = (key: string) => key.replace(/_(one|few|many|other)$/, '');
    expect([...new Set(leaves(kk).map(base))].sort()).toEqual(
      [...new Set(leaves(ru).map(base))].sort(),
    );
  });

  test('Kazakh texts use Kazakh Cyrillic letters, never Latin look-alikes inside words', () => {
    for (const key of leaves(kk)) {
      const text = lookup(kk, `registers:${key}`) ?? '';
      expect(text, key).not.toMatch(/[\u0400-\u04ff][a-z]|[a-z][\u0400-\u04ff]/i);
    }
    const all = leaves(kk)
      .map((k) => lookup(kk, `registers:${k}`))
      .join(' ');
    for (const letter of 'әғқңөұүі') expect(all).toContain(letter);
  });

  test('every event type has its name in both languages', () => {
    for (const type of REGISTER_EVENT_TYPES) {
      expect(lookup(kk, `registers:events.${type}`)?.trim()).toBeTruthy();
      expect(lookup(ru, `registers:events.${type}`)?.trim()).toBeTruthy();
    }
  });
});
