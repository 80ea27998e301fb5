import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import type { TermStatus } from '../../../shared/deadlines';
import type { CaseTermState } from '../../../shared/schedule';
import { localeResources, NAMESPACES } from './i18n';
import { timeLeftText } from './time-left';

type Term = CaseTermState & { kind: 'term' };

const term = (
  status: TermStatus,
  daysLeft: number,
  dayUnit: Term['dayUnit'] = 'workingDays',
  minutesLeft: number | null = null,
): Term => ({ kind: 'term', status, workingDaysLeft: daysLeft, daysLeft, dayUnit, minutesLeft });

async function wordsOf(lng: 'kk' | 'ru') {
  const instance = i18next.createInstance();
  await instance.init({
    resources: localeResources(),
    lng,
    ns: NAMESPACES,
    defaultNS: 'common',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

describe('timeLeftText: the one wording of time left on the case page, the journal and the akim’s badge', () => {
  test('a day term in its own days: calendar days are never working days (seed 001:7131, 1263)', async () => {
    const ru = await wordsOf('ru');
    const kk = await wordsOf('kk');
    expect(timeLeftText(term('onTime', 13, 'calendarDays'), ru)).toBe(
      'осталось 13 календарных дней',
    );
    expect(timeLeftText(term('overdue', -2, 'calendarDays'), ru)).toBe(
      'просрочено на 2 календарных дня',
    );
    expect(timeLeftText(term('atRisk', 1), ru)).toBe('остался 1 рабочий день');
    expect(timeLeftText(term('overdue', -5), ru)).toBe('просрочено на 5 рабочих дней');
    expect(timeLeftText(term('onTime', 13, 'calendarDays'), kk)).toBe('13 күнтізбелік күн қалды');
    expect(timeLeftText(term('overdue', -1), kk)).toBe('1 жұмыс күні кешікті');
  });

  test('a minute term near its due moment is said in minutes (the certificate’s 15 minutes, 002:10), further away in days', async () => {
    const ru = await wordsOf('ru');
    const kk = await wordsOf('kk');
    expect(timeLeftText(term('dueToday', 0, 'workingDays', 12), ru)).toBe('осталось 12 минут');
    expect(timeLeftText(term('overdue', 0, 'workingDays', -21), ru)).toBe(
      'просрочено на 21 минуту',
    );
    expect(timeLeftText(term('dueToday', 0, 'workingDays', 12), kk)).toBe('12 минут қалды');
    expect(timeLeftText(term('overdue', 0, 'workingDays', -21), kk)).toBe('21 минут кешікті');
    // Five hours to go today: the day's words, not 300 minutes.
    expect(timeLeftText(term('dueToday', 0, 'workingDays', 300), ru)).toBe('срок истекает сегодня');
    expect(timeLeftText(term('onTime', 2, 'workingDays', 2 * 24 * 60), ru)).toBe(
      'осталось 2 рабочих дня',
    );
    expect(timeLeftText(term('overdue', 0, 'workingDays', -300), kk)).toBe('мерзімі өтті');
  });

  test('beside the status words, what would only repeat them is left out', async () => {
    const ru = await wordsOf('ru');
    expect(timeLeftText(term('dueToday', 0), ru, { statusShown: true })).toBe('');
    expect(timeLeftText(term('overdue', 0, 'workingDays', -300), ru, { statusShown: true })).toBe(
      '',
    );
    expect(timeLeftText(term('overdue', -3), ru, { statusShown: true })).toBe(
      'просрочено на 3 рабочих дня',
    );
  });
});
