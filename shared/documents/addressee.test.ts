import { describe, expect, test } from 'vitest';
import { dativeName, sexOfPerson } from './addressee';

describe('dativeName (to whom a certificate is given)', () => {
  const aigerim = { iin: '850315400124', name: 'Сейітова Әйгерім Қайратқызы' };
  const parts = { lastName: 'Сейітова', firstName: 'Әйгерім', patronymic: 'Қайратқызы' };

  test('the name the document carries, in the dative of its language', () => {
    expect(dativeName(aigerim, parts, 'ru')).toBe('Сейітовой Әйгерім Қайратқызы');
    expect(dativeName(aigerim, parts, 'kk')).toBe('Сейітова Әйгерім Қайратқызына');
  });

  test('the sex is the IIN’s (7th digit 4: a woman born in the 1900s), not the registered one', () => {
    expect(sexOfPerson('850315400124', 'M')).toBe('F');
    expect(dativeName(aigerim, { ...parts, sex: 'M' }, 'ru')).toBe('Сейітовой Әйгерім Қайратқызы');
    // An IIN that cannot be read: the registered sex.
    expect(sexOfPerson('85031540012', 'F')).toBe('F');
  });

  test('a name the parts do not spell (a signed document made before a correction) is split as written', () => {
    const signed = { iin: '900101300126', name: 'Иванов Пётр Ильич' };
    expect(dativeName(signed, { lastName: 'Иванов', firstName: 'Петр' }, 'ru')).toBe(
      'Иванову Петру Ильичу',
    );
    expect(dativeName(signed, null, 'kk')).toBe('Иванов Пётр Ильичке');
  });
});
