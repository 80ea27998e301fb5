import { describe, expect, test } from 'vitest';
import { journalPath, readJournalParams, writeJournalParams } from './journal-params';

describe('journal address', () => {
  test('round-trips the filters and drops the defaults', () => {
    const params = writeJournalParams({
      search: 'Әбенов',
      serviceId: 'targeted-social-assistance',
      stage: 'open',
      deadline: 'overdue',
      officeId: 'office-kzl01',
      sort: 'dueAsc',
    });
    expect(readJournalParams(params)).toEqual({
      search: 'Әбенов',
      serviceId: 'targeted-social-assistance',
      stage: 'open',
      deadline: 'overdue',
      officeId: 'office-kzl01',
      sort: 'dueAsc',
    });
    expect(journalPath()).toBe('/journal');
    expect(journalPath({ deadline: 'dueSoon' })).toBe('/journal?deadline=dueSoon');
    // The district's okrug filter, as the dashboard's per-okrug figures link to it.
    expect(journalPath({ officeId: 'office-kzl01', deadline: 'overdue' })).toBe(
      '/journal?deadline=overdue&okrug=office-kzl01',
    );
  });

  test('ignores values it does not know', () => {
    expect(
      readJournalParams(new URLSearchParams('stage=archived&deadline=soon&sort=random')),
    ).toEqual({
      search: '',
      serviceId: null,
      stage: null,
      deadline: null,
      officeId: null,
      sort: 'dateDesc',
    });
  });
});
