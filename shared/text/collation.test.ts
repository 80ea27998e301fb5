import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareKazakh } from './collation';

describe('compareKazakh', () => {
  test('the Kazakh order does not depend on the ICU data of the runtime', () => {
    const list = ['Іле', 'Ыбырай', 'Һасен', 'Хасен', 'Үсен', 'Ұлан', 'Өмір', 'Ңа', 'Нұр', 'Қасым'];
    list.push('Кәрім', 'Ёлка', 'Ерлан', 'Ғани', 'Гүл', 'Бек', 'Әбен', 'Ахмет', 'ахмет', 'Ахмет Б');
    const expected = [
      'ахмет',
      'Ахмет',
      'Ахмет Б',
      'Әбен',
      'Бек',
      'Гүл',
      'Ғани',
      'Ерлан',
      'Ёлка',
      'Кәрім',
      'Қасым',
      'Нұр',
      'Ңа',
      'Өмір',
      'Ұлан',
      'Үсен',
      'Хасен',
      'Һасен',
      'Ыбырай',
      'Іле',
    ];
    expect([...list].sort(compareKazakh)).toEqual(expected);
    // Node carries full ICU data: where it knows Kazakh, it agrees (letter case aside).
    const icu = new Intl.Collator('kk');
    if (icu.resolvedOptions().locale === 'kk') {
      const unique = expected.filter((name) => name !== 'ахмет');
      expect([...unique].sort(icu.compare)).toEqual(unique);
    }
  });

  test('separators, then digits, then Kazakh letters, then Latin letters', () => {
    const list = ['Abai', 'Абай', '2-ауыл', 'Абай-2', 'Абай 1', '1-ауыл'];
    expect([...list].sort(compareKazakh)).toEqual([
      '1-ауыл',
      '2-ауыл',
      'Абай',
      'Абай 1',
      'Абай-2',
      'Abai',
    ]);
  });

  test('separators that share a weight still have an order, the same both ways', () => {
    expect(compareKazakh('Абай Құнан', 'Абай-Құнан')).toBeLessThan(0);
    expect(compareKazakh('Абай-Құнан', 'Абай Құнан')).toBeGreaterThan(0);
  });

  test('a decomposed letter sorts as the composed one', () => {
    expect(compareKazakh('И\u0306лияс', 'Йлияс')).toBe(0);
  });

  test('a total order: antisymmetric and consistent with equality', () => {
    const name = fc.stringMatching(/^[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіЁё A-Za-z0-9-]{0,8}$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(Math.sign(compareKazakh(a, b)) + Math.sign(compareKazakh(b, a))).toBe(0);
        expect(compareKazakh(a, b) === 0).toBe(a.normalize('NFC') === b.normalize('NFC'));
      }),
      { numRuns: 300 },
    );
  });
});
