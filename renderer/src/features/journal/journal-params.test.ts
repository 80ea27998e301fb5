import { describe, expect, test } from 'vitest';
import { journalPath, readJournalParams, writeJournalParams } from './journal-params';

describe('journal address', () => {
  test('round-trips the filters and drops the defaults', () => {
    const params = writeJournalParams({
      search: 'Әбенов',
      serviceId: 'targeted-social-assistance',
      stage: 'open',
      deadline: 'overdue',
      sort: 'dueAsc',
    });
    expect(readJournalParams(params)).toEqual({
      search: 'Әбенов',
      serviceId: 'targeted-social-assistance',
      stage: 'open',
      deadline: 'overdue',
      sort: 'dueAsc',
    });
    expect(journalPath()).toBe('/journal');
    expect(journalPath({ deadline: 'dueSoon' })).toBe('/journal?deadline=dueSoon');
  });

  test('ignores values it does not know', () => {
    expect(
      readJournalParams(new URLSearchParams('stage=archived&deadline=soon&sort=random')),
    ).toEqual({ search: '', serviceId: null, stage: null, deadline: null, sort: 'dateDesc' });
  });
});
