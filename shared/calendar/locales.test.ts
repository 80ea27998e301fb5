import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { KZ_CALENDAR_DATA } from './index';
import type { HolidayName } from './index';

// Message keys of shared/calendar and shared/deadlines live in the `calendar` namespace.
const root = new URL('../../', import.meta.url);
const load = (lang: 'kk' | 'ru'): unknown =>
  JSON.parse(readFileSync(new URL(`locales/${lang}/calendar.json`, root), 'utf8'));
const locales = { kk: load('kk'), ru: load('ru') };

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => {
    if (typeof node !== 'object' || node === null) return undefined;
    return (node as Record<string, unknown>)[part];
  }, tree);
}

function leafPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) =>
    leafPaths(v, prefix === '' ? k : `${prefix}.${k}`),
  );
}

function sourceKeys(): string[] {
  const keys = new Set<string>();
  for (const folder of ['shared/calendar/', 'shared/deadlines/']) {
    const dir = new URL(folder, root);
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const m of text.matchAll(/calendar:([A-Za-z0-9.]+[A-Za-z0-9])/g)) {
        if (m[1] !== undefined) keys.add(m[1]);
      }
    }
  }
  return [...keys].sort();
}

describe('locales/{kk,ru}/calendar.json', () => {
  test('kk and ru have the same keys, all non-empty strings', () => {
    // i18next plural forms differ by language (kk: one/other, ru: one/few/many/other).
    const base = (key: string) => key.replace(/_(one|few|many|other)$/, '');
    const keysOf = (lang: 'kk' | 'ru') => [...new Set(leafPaths(locales[lang]).map(base))].sort();
    expect(keysOf('kk')).toEqual(keysOf('ru'));
    for (const lang of ['kk', 'ru'] as const) {
      for (const path of leafPaths(locales[lang])) {
        const value = lookup(locales[lang], path);
        expect(typeof value === 'string' && value.trim() !== '', `${lang}:${path}`).toBe(true);
      }
    }
  });

  test('every literal calendar:* key in the code exists in both locales', () => {
    const keys = sourceKeys();
    expect(keys).toContain('errors.yearMissing');
    for (const key of keys) {
      // Template keys (`calendar:intake.${reason}`) show up as their prefix: a subtree then.
      for (const lang of ['kk', 'ru'] as const) {
        expect(lookup(locales[lang], key), `${lang}:${key}`).toBeDefined();
      }
    }
  });

  test('holiday names in the data equal the locale strings', () => {
    const names: HolidayName[] = [
      ...KZ_CALENDAR_DATA.fixedHolidays.flatMap((h) =>
        h.renamed === undefined ? [h.name] : [h.name, h.renamed.name],
      ),
      ...KZ_CALENDAR_DATA.movableHolidays.map((h) => h.name),
    ];
    expect(names).toHaveLength(14);
    for (const n of names) {
      const path = n.messageKey.replace(/^calendar:/, '');
      expect(lookup(locales.kk, path)).toBe(n.names.kk);
      expect(lookup(locales.ru, path)).toBe(n.names.ru);
    }
  });

  test('Kazakh text uses Cyrillic letters only (no Latin look-alikes such as i)', () => {
    for (const path of leafPaths(locales.kk)) {
      const value = String(lookup(locales.kk, path)).replace(/\{\{[a-z]+\}\}/g, '');
      expect(value, path).not.toMatch(/[A-Za-z]/);
    }
  });
});
