import { describe, expect, test } from 'vitest';
import type { CaseTermState } from '../../../../shared/schedule';
import i18next from 'i18next';
import { localeResources, NAMESPACES } from '../../i18n';
import { termLabels } from './work-labels';

const term = (daysLeft: number, dayUnit: 'workingDays' | 'calendarDays'): CaseTermState => ({
  kind: 'term',
  status: daysLeft < 0 ? 'overdue' : 'onTime',
  workingDaysLeft: daysLeft,
  daysLeft,
  dayUnit,
  minutesLeft: null,
});

/** The desk's own words, as the app loads them (without the page it sets its language on). */
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

describe('the journal says days left and late in the term’s own days', () => {
  test('a calendar-day term (the child benefit, seed 001:7131) is never counted in working days', async () => {
    const ru = await wordsOf('ru');
    const kk = await wordsOf('kk');
    expect(termLabels(term(13, 'calendarDays'), ru).detail).toBe('Осталось 13 календарных дней');
    expect(termLabels(term(-2, 'calendarDays'), ru).detail).toBe('Просрочено на 2 календарных дня');
    expect(termLabels(term(13, 'calendarDays'), kk).detail).toBe('13 күнтізбелік күн қалды');
    expect(termLabels(term(13, 'workingDays'), ru).detail).toBe('Осталось 13 рабочих дней');
    expect(termLabels(term(13, 'workingDays'), kk).detail).toBe('13 жұмыс күні қалды');
  });
});
