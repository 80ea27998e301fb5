import { describe, expect, test } from 'vitest';
import { localDateTimeAt } from './clock';

describe('office clock', () => {
  test('reads the wall clock in Kazakhstan (UTC+5)', () => {
    expect(localDateTimeAt(Date.UTC(2026, 2, 20, 4, 30))).toBe('2026-03-20T09:30');
    expect(localDateTimeAt(Date.UTC(2026, 11, 31, 19, 0))).toBe('2027-01-01T00:00');
  });
});
