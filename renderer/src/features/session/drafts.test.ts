import { expect, test } from 'vitest';
import { hasDraft, keepDraft, takeDraft } from './drafts';

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

test('hasDraft tells a host which form to open again, without taking the draft', () => {
  keepDraft('user-a', 'case:c1:Withdrawn', { reason: 'көшті' });
  expect(hasDraft('user-a', 'case:c1:Withdrawn')).toBe(true);
  expect(hasDraft('user-b', 'case:c1:Withdrawn')).toBe(false);
  expect(hasDraft('user-a', 'case:c2:Withdrawn')).toBe(false);
  expect(takeDraft('user-a', 'case:c1:Withdrawn')).toEqual({ reason: 'көшті' });
  expect(hasDraft('user-a', 'case:c1:Withdrawn')).toBe(false);
});
