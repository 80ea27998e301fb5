import { describe, expect, test } from 'vitest';
import { journalPrintPath, readJournalParams } from './journal-params';

describe('journalPrintPath', () => {
  test('the printed journal carries the screen’s search, filters and order, and the language', () => {
    const params = {
      search: 'Сейітова',
      serviceId: 'targeted-social-assistance',
      stage: 'open' as const,
      deadline: 'overdue' as const,
      // The district's okrug filter prints too.
      officeId: 'office-kzl01',
      sort: 'dueAsc' as const,
    };
    const path = journalPrintPath(params, 'kk');
    expect(path.startsWith('/print/journal?')).toBe(true);
    const query = new URLSearchParams(path.slice(path.indexOf('?') + 1));
    expect(readJournalParams(query)).toEqual(params);
    expect(query.get('lang')).toBe('kk');
  });

  test('an unfiltered journal prints everything', () => {
    expect(
      journalPrintPath({
        search: '',
        serviceId: null,
        stage: null,
        deadline: null,
        officeId: null,
        sort: 'dateDesc',
      }),
    ).toBe('/print/journal');
  });
});
