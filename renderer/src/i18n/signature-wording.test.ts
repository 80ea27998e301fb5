// A signature made with the desk's PIN key is called what it is: signed in Akimat Desk with a personal
// key (ARCHITECTURE §5). In Kazakhstan «электрондық цифрлық қолтаңба / ЭЦҚ» and «электронная цифровая
// подпись / ЭЦП» name a qualified signature (NCALayer, a certificate of the national certifying
// centre), which the desk does not make: no text the desk shows may use those words, not even to deny
// them (issue 10 §4). The catalog's legal quotes (the portal's own EDS) are the law's words, not ours,
// and are not shown as the desk's signature.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Words that name a qualified electronic signature, in Kazakh and Russian, any case and form. */
const QUALIFIED_SIGNATURE_WORDS: readonly RegExp[] = [
  /ЭЦП/u,
  /ЭЦҚ/u,
  /ЭСҚ/u,
  /цифрлық/iu,
  /цифров\p{L}*\s+подпис/iu,
  /электронн\p{L}*\s+цифров/iu,
];

const offends = (text: string) => QUALIFIED_SIGNATURE_WORDS.some((re) => re.test(text));

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(name) ? [path] : [];
  });
}

function offendingLines(paths: readonly string[]): string[] {
  return paths.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        offends(line) ? [`${path.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`] : [],
      ),
  );
}

describe('the PIN-key signature is never called a qualified e-signature', () => {
  test('the rule catches every spelling it is meant to catch, and nothing else', () => {
    for (const bad of [
      'не подписан ЭЦП уполномоченного лица',
      'білікті ЭЦҚ емес',
      'электрондық цифрлық қолтаңба',
      'Кілттің цифрлық ізі',
      'это не электронная цифровая подпись',
      'Электронной цифровой подписью',
    ]) {
      expect(offends(bad), bad).toBe(true);
    }
    for (const good of [
      'Подписано в Akimat Desk акимом личным ключом',
      'Akimat Desk жүйесінде әкім жеке кілтімен қол қойды',
      'Отпечаток ключа',
      'цифры ИИН',
    ]) {
      expect(offends(good), good).toBe(false);
    }
  });

  test('no locale text uses the words of a qualified signature', () => {
    const locales = files(join(ROOT, 'locales'), (n) => n.endsWith('.json'));
    expect(locales.length).toBeGreaterThan(10);
    expect(offendingLines(locales)).toEqual([]);
  });

  test('no component or screen writes them either', () => {
    const sources = files(
      join(ROOT, 'renderer', 'src'),
      (n) => /\.(ts|tsx)$/.test(n) && !n.endsWith('.test.ts') && !n.endsWith('.test.tsx'),
    );
    expect(offendingLines(sources)).toEqual([]);
  });
});
