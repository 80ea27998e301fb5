// A lint of the words the desk shows (issue 10 §5): what a Kazakh or Russian reader would stumble on.
// Each rule names what it guards against; a failure lists every offending value with its file and key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const LOCALES_DIR = join(import.meta.dirname, '..', '..', '..', 'locales');

type Tree = { [key: string]: Tree | string };
interface Entry {
  readonly lang: 'kk' | 'ru';
  readonly ns: string;
  readonly key: string;
  readonly value: string;
}

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value] as [string, string]] : leaves(value, path);
  });
}

function load(lang: 'kk' | 'ru'): Entry[] {
  const dir = join(LOCALES_DIR, lang);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) =>
      leaves(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree).map(([key, value]) => ({
        lang,
        ns: f.replace(/\.json$/, ''),
        key,
        value,
      })),
    );
}

const kk = load('kk');
const ru = load('ru');
const all = [...kk, ...ru];
const where = (e: Entry) => `${e.lang}/${e.ns}:${e.key} = ${e.value}`;
const offending = (entries: readonly Entry[], bad: (e: Entry) => boolean) =>
  entries.filter(bad).map(where);
const lastSegment = (key: string) => key.slice(key.lastIndexOf('.') + 1);

/**
 * The texts exported for the lint's own test below: the rules as functions of one value, so a test can
 * show each rule catching what it is meant to catch.
 */
export const RULES = {
  /** "Бас тарту" is a refusal (of a service); a button that closes a form is "Болдырмау". */
  kkCancelAsRefusal: (e: Entry) =>
    e.lang === 'kk' &&
    (e.value.trim().toLocaleLowerCase('kk') === 'бас тарту' ||
      (/^cancel$/i.test(lastSegment(e.key)) && e.value !== 'Болдырмау')),
  ruCancel: (e: Entry) =>
    e.lang === 'ru' && /^cancel$/i.test(lastSegment(e.key)) && e.value !== 'Отмена',
  /** Quotes in Kazakh and Russian text are «ёлочки», never "ASCII" or “English” ones. */
  foreignQuotes: (e: Entry) => /["“”„]/.test(e.value),
  unbalancedQuotes: (e: Entry) => {
    let depth = 0;
    for (const ch of e.value) {
      if (ch === '«') depth += 1;
      if (ch === '»') depth -= 1;
      if (depth < 0) return true;
    }
    return depth !== 0;
  },
  /** Notes from the people who made the desk to themselves never reach the screen. */
  noteToOurselves: (e: Entry) =>
    /наш перевод|наша формулировка|біздің аударма|біздің аудармамыз|\bTODO\b|\bFIXME\b|\bXXX\b/i.test(
      e.value,
    ),
  /**
   * Current terminology: «мүгедектігі бар адамдар» (persons with disability), «мүгедектік» (the
   * disability itself); «мүгедек(тер)» for a person is the old word. In Russian «лица с инвалидностью»,
   * not «инвалиды».
   */
  oldDisabilityTerm: (e: Entry) =>
    e.lang === 'kk' ? /мүгедек(?!ті[кг])/iu.test(e.value) : /инвалид(?!ност)/iu.test(e.value),
} as const;

describe('locale lint (issue 10 §5)', () => {
  test('kk: Cancel is «Болдырмау»; «Бас тарту» (a refusal) is never a button on its own', () => {
    expect(offending(kk, RULES.kkCancelAsRefusal)).toEqual([]);
  });

  test('ru: Cancel is «Отмена»', () => {
    expect(offending(ru, RULES.ruCancel)).toEqual([]);
  });

  test('no ASCII or English double quotes: «» in kk and ru', () => {
    expect(offending(all, RULES.foreignQuotes)).toEqual([]);
  });

  test('every « is closed by a »', () => {
    expect(offending(all, RULES.unbalancedQuotes)).toEqual([]);
  });

  test('no notes to ourselves on screen: «(наш перевод)», «(біздің аударма)», TODO', () => {
    expect(offending(all, RULES.noteToOurselves)).toEqual([]);
  });

  test('current terminology: «мүгедектігі бар адамдар», «лица с инвалидностью»', () => {
    expect(offending(all, RULES.oldDisabilityTerm)).toEqual([]);
  });

  test('a deadline status reads the same in the journal and everywhere else', () => {
    for (const entries of [kk, ru]) {
      const value = (ns: string, key: string) =>
        entries.find((e) => e.ns === ns && e.key === key)?.value;
      for (const status of ['onTime', 'dueToday', 'atRisk', 'overdue']) {
        const shared = value('calendar', `deadlines.status.${status}`);
        expect(shared, status).toBeDefined();
        expect(value('journal', `status.${status}`), `${entries[0]?.lang} ${status}`).toBe(shared);
      }
    }
  });

  test('kk plurals have exactly one and other (CLDR for kk); ru has no form kk lacks', () => {
    expect(new Intl.PluralRules('kk').resolvedOptions().pluralCategories.sort()).toEqual([
      'one',
      'other',
    ]);
    const bad = kk.filter((e) => /_(zero|two|few|many)$/.test(e.key)).map(where);
    expect(bad).toEqual([]);
    for (const e of kk.filter((x) => x.key.endsWith('_one'))) {
      const base = e.key.slice(0, -'_one'.length);
      expect(
        kk.some((x) => x.ns === e.ns && x.key === `${base}_other`),
        `${e.ns}:${base}_other`,
      ).toBe(true);
    }
  });

  test('a number followed by a word in ru is a plural key (never «5 рабочий день»)', () => {
    // «Отклонено: {{count}}» and abbreviations («{{count}} мин») read the same for every number.
    const bad = ru
      .filter(
        (e) => /\{\{count\}\}\s+\p{L}{4,}/u.test(e.value) && !/_(one|few|many|other)$/.test(e.key),
      )
      .map(where);
    expect(bad).toEqual([]);
  });
});

describe('the lint catches what it is meant to', () => {
  const entry = (lang: 'kk' | 'ru', key: string, value: string): Entry => ({
    lang,
    ns: 'x',
    key,
    value,
  });
  test.each([
    ['kkCancelAsRefusal', entry('kk', 'form.cancel', 'Бас тарту')],
    ['kkCancelAsRefusal', entry('kk', 'form.close', 'Бас тарту')],
    ['ruCancel', entry('ru', 'form.cancel', 'Отказ')],
    ['foreignQuotes', entry('ru', 'a', 'Реестр "Жетісу"')],
    ['foreignQuotes', entry('kk', 'a', '“Жетісу”')],
    ['unbalancedQuotes', entry('kk', 'a', '«Жетісу')],
    ['noteToOurselves', entry('ru', 'a', 'Текст (наш перевод)')],
    ['noteToOurselves', entry('kk', 'a', 'біздің аударма')],
    ['oldDisabilityTerm', entry('kk', 'a', 'мүгедектерге көмек')],
    ['oldDisabilityTerm', entry('ru', 'a', 'инвалидам первой группы')],
  ] as const)('%s catches %o', (rule, e) => {
    expect(RULES[rule](e)).toBe(true);
  });
  test.each([
    ['kkCancelAsRefusal', entry('kk', 'form.cancel', 'Болдырмау')],
    ['kkCancelAsRefusal', entry('kk', 'a', 'Бас тарту туралы шешім')],
    ['oldDisabilityTerm', entry('kk', 'a', 'мүгедектігі бар адамдар')],
    ['oldDisabilityTerm', entry('kk', 'a', 'мүгедектік туралы анықтама')],
    ['oldDisabilityTerm', entry('ru', 'a', 'справка об инвалидности')],
    ['foreignQuotes', entry('kk', 'a', '«Жетісу»')],
  ] as const)('%s lets %o pass', (rule, e) => {
    expect(RULES[rule](e)).toBe(false);
  });
});
