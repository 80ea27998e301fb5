import { describe, expect, test } from 'vitest';
import { searchKey, searchTokens } from './search-key';

describe('search keys', () => {
  test.each([
    ['Әбенов', 'Абенов'],
    ['ҚҰРМАНҒАЛИ', 'курмангали'],
    ['Ісаев', 'Iсаев'],
    ['Өмірзақ', 'омирзак'],
    ['Үсенбаева', 'Усенбаева'],
    ['Һасен', 'Хасен'],
    ['Ерёмина', 'Еремина'],
    ['Сәрсенбаев', 'Сарсенбаев'],
  ])('%s and %s give the same key', (a, b) => {
    expect(searchKey(a)).toBe(searchKey(b));
  });

  test('keeps distinct names distinct', () => {
    expect(searchKey('Ахметов')).not.toBe(searchKey('Ахметова'));
    expect(searchKey('Нұрлан')).not.toBe(searchKey('Нұрлыбек'));
  });

  test('splits on spaces, hyphens and punctuation', () => {
    expect(searchTokens('  Жұмабай-Ұлы  Айгүл, Серікқызы ')).toEqual([
      'жумабай',
      'улы',
      'айгул',
      'сериккызы',
    ]);
  });

  test('normalizes decomposed input', () => {
    expect(searchKey('И\u0306лияс')).toBe(searchKey('Йлияс'));
  });
});
