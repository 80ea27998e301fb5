import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const LOCALES_DIR = join(import.meta.dirname, '..', '..', '..', 'locales');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: Tree | string };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

function load(lang: string): Map<string, Map<string, string>> {
  const dir = join(LOCALES_DIR, lang);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return new Map(
    files.map((f) => [
      f.replace(/\.json$/, ''),
      leaves(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree),
    ]),
  );
}

const kk = load('kk');
const ru = load('ru');

/** Keys without their plural suffix: kk has one/other, ru has one/few/many/other. */
function baseKeys(entries: Map<string, string>): Set<string> {
  return new Set([...entries.keys()].map((k) => k.replace(PLURAL_SUFFIX, '')));
}

describe('locales', () => {
  test('both languages have the same namespaces', () => {
    expect([...kk.keys()].sort()).toEqual([...ru.keys()].sort());
  });

  test.each([...kk.keys()])('namespace %s: every key exists in kk and in ru', (ns) => {
    const kkKeys = baseKeys(kk.get(ns) ?? new Map());
    const ruKeys = baseKeys(ru.get(ns) ?? new Map());
    expect(
      [...kkKeys].filter((k) => !ruKeys.has(k)),
      'missing in ru',
    ).toEqual([]);
    expect(
      [...ruKeys].filter((k) => !kkKeys.has(k)),
      'missing in kk',
    ).toEqual([]);
  });

  test('no string is empty', () => {
    for (const [lang, namespaces] of [
      ['kk', kk],
      ['ru', ru],
    ] as const) {
      for (const [ns, entries] of namespaces) {
        for (const [key, value] of entries) {
          expect(value.trim(), `${lang}/${ns}:${key}`).not.toBe('');
        }
      }
    }
  });

  test('Russian plurals have all four forms', () => {
    for (const [ns, entries] of ru) {
      const plural = [...entries.keys()].filter((k) => PLURAL_SUFFIX.test(k));
      for (const base of new Set(plural.map((k) => k.replace(PLURAL_SUFFIX, '')))) {
        for (const form of ['one', 'few', 'many', 'other']) {
          expect(entries.has(`${base}_${form}`), `ru/${ns}:${base}_${form}`).toBe(true);
        }
      }
    }
  });

  test('Kazakh text uses Cyrillic і, not a Latin look-alike, inside words', () => {
    // A Latin i/I or h between Cyrillic letters is the usual typing slip for і/І/һ.
    const mixed = /[\u0400-\u04FF][iIhH]|[iIhH][\u0400-\u04FF]/;
    for (const [ns, entries] of kk) {
      for (const [key, value] of entries) {
        expect(mixed.test(value), `kk/${ns}:${key} = ${value}`).toBe(false);
      }
    }
  });
});
