import { describe, expect, test } from 'vitest';
import { validateIin } from '../identity';
import { kazakhDative, kazakhDativeWord, russianDative, type NameSex } from './dative';

// The certificate says to whom it is given («Выдана … (кому)», «… берілді»): the name in the dative.

describe('russianDative', () => {
  test.each<[string, string, string | undefined, NameSex, string]>([
    // Surnames in -ов/-ев/-ин (male +у, female -ой), given names, patronymics in -ич/-на.
    ['Иванов', 'Пётр', 'Ильич', 'M', 'Иванову Петру Ильичу'],
    ['Иванова', 'Мария', 'Петровна', 'F', 'Ивановой Марии Петровне'],
    ['Жұмабаев', 'Серік', undefined, 'M', 'Жұмабаеву Серіку'],
    ['Сергеева', 'Анна', 'Сергеевна', 'F', 'Сергеевой Анне Сергеевне'],
    ['Пушкин', 'Александр', 'Сергеевич', 'M', 'Пушкину Александру Сергеевичу'],
    ['Ильина', 'Дана', undefined, 'F', 'Ильиной Дане'],
    ['Фомин', 'Илья', undefined, 'M', 'Фомину Илье'],
    // Kazakh patronymics with -ұлы / -қызы are not declined in Russian.
    ['Сейітова', 'Әйгерім', 'Қайратқызы', 'F', 'Сейітовой Әйгерім Қайратқызы'],
    ['Нұрланов', 'Ерболат', 'Серікұлы', 'M', 'Нұрланову Ерболату Серікұлы'],
    ['Ахметов', 'Бауыржан', 'Кайратулы', 'M', 'Ахметову Бауыржану Кайратулы'],
    // Adjectival surnames.
    ['Достоевский', 'Фёдор', 'Михайлович', 'M', 'Достоевскому Фёдору Михайловичу'],
    ['Вишневская', 'Галина', 'Павловна', 'F', 'Вишневской Галине Павловне'],
    ['Толстой', 'Лев', 'Николаевич', 'M', 'Толстому Льву Николаевичу'],
    ['Павлов', 'Павел', undefined, 'M', 'Павлову Павлу'],
    // -й, -ь, -ия.
    ['Гайдай', 'Сергей', undefined, 'M', 'Гайдаю Сергею'],
    ['Ким', 'Игорь', undefined, 'M', 'Киму Игорю'],
    ['Смирнова', 'Любовь', undefined, 'F', 'Смирновой Любови'],
    ['Абенова', 'Әлия', undefined, 'F', 'Абеновой Әлии'],
    ['Петров', 'Юрий', undefined, 'M', 'Петрову Юрию'],
    // Indeclinable: a woman's name or surname in a hard consonant, -ых/-их, -о/-е/-и/-у.
    ['Ким', 'Гүлнар', undefined, 'F', 'Ким Гүлнар'],
    ['Черных', 'Олег', undefined, 'M', 'Черных Олегу'],
    ['Шевченко', 'Тарас', undefined, 'M', 'Шевченко Тарасу'],
    ['Ким', 'Мәди', undefined, 'M', 'Киму Мәди'],
    ['Нурлыбекова', 'Айгерим', undefined, 'F', 'Нурлыбековой Айгерим'],
  ])('%s %s %s (%s) → %s', (lastName, firstName, patronymic, sex, expected) => {
    expect(russianDative({ lastName, firstName, patronymic }, sex)).toBe(expected);
  });

  test('a double surname is declined part by part, capitals stay capitals', () => {
    expect(russianDative({ lastName: 'Петрова-Водкина', firstName: 'Анна' }, 'F')).toBe(
      'Петровой-Водкиной Анне',
    );
    expect(russianDative({ lastName: 'ИВАНОВ', firstName: 'ИВАН' }, 'M')).toBe('ИВАНОВУ ИВАНУ');
  });

  test('the sex comes from the IIN (7th digit: odd male, even female; kazakhstan-facts §1.1)', () => {
    const sexOf = (iin: string) => {
      const valid = validateIin(iin);
      if (!valid.ok) throw new Error(iin);
      return valid.sex;
    };
    const name = { lastName: 'Сейітова', firstName: 'Әйгерім', patronymic: 'Қайратқызы' };
    expect(sexOf('850315400124')).toBe('F');
    expect(russianDative(name, sexOf('850315400124'))).toBe('Сейітовой Әйгерім Қайратқызы');
    expect(sexOf('900101300126')).toBe('M');
    expect(
      russianDative({ lastName: 'Нұрланов', firstName: 'Ерболат' }, sexOf('900101300126')),
    ).toBe('Нұрланову Ерболату');
  });
});

describe('kazakhDative', () => {
  test.each([
    // Vowel harmony and the last sound: -ға/-ге after a vowel or a voiced sound, -қа/-ке after a
    // voiceless one, -на after the possessive of ұлы/қызы.
    ['Қайратқызы', 'Қайратқызына'],
    ['Серікұлы', 'Серікұлына'],
    ['Әйгерім', 'Әйгерімге'],
    ['Айгүл', 'Айгүлге'],
    ['Серік', 'Серікке'],
    ['Болат', 'Болатқа'],
    ['Дана', 'Данаға'],
    ['Сергеевна', 'Сергеевнаға'],
    ['Иванович', 'Ивановичке'],
    ['Петров', 'Петровқа'],
    ['Мәди', 'Мәдиге'],
    ['Алексей', 'Алексейге'],
    ['Игорь', 'Игорьге'],
    ['Нұрлан', 'Нұрланға'],
    ['Жұмабаев', 'Жұмабаевқа'],
    ['Сергеев', 'Сергеевке'],
    ['Жұмабаева', 'Жұмабаеваға'],
  ])('%s → %s', (word, expected) => {
    expect(kazakhDativeWord(word)).toBe(expected);
  });

  test('the ending goes on the last word of the name only', () => {
    expect(
      kazakhDative({ lastName: 'Сейітова', firstName: 'Әйгерім', patronymic: 'Қайратқызы' }),
    ).toBe('Сейітова Әйгерім Қайратқызына');
    expect(kazakhDative({ lastName: 'Жұмабаев', firstName: 'Серік' })).toBe('Жұмабаев Серікке');
    expect(kazakhDative({ lastName: 'Жұмабаев', firstName: 'Серік', patronymic: ' ' })).toBe(
      'Жұмабаев Серікке',
    );
  });
});
