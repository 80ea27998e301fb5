import { expect, test } from 'vitest';
import { keepDraft, takeDraft } from './drafts';

test('a draft goes back only to the user who kept it, and only once', () => {
  keepDraft('user-a', 'intake', { lastName: 'Сейітова' });
  expect(takeDraft('user-b', 'intake')).toBeUndefined();
  expect(takeDraft('user-a', 'other')).toBeUndefined();
  expect(takeDraft('user-a', 'intake')).toEqual({ lastName: 'Сейітова' });
  expect(takeDraft('user-a', 'intake')).toBeUndefined();
});

test('a newer draft of the same screen replaces the older one', () => {
  keepDraft('user-a', 'intake', 1);
  keepDraft('user-a', 'intake', 2);
  expect(takeDraft('user-a', 'intake')).toBe(2);
});
