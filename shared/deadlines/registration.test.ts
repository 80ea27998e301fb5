import { describe, expect, test } from 'vitest';
import type { LocalDateTime } from '../time';
import {
  STATE_CORPORATION_HOURS,
  createStateCorporationCalendar,
  createWorkingCalendar,
} from '../calendar';
import { registrationDate, registrationStart } from './index';

const calendar = createWorkingCalendar();

describe('R-REG-1: registration date (seed 003:31)', () => {
  test.each<[string, LocalDateTime, string]>([
    ['Tue 10:00 → Tue', '2025-02-11T10:00', '2025-02-11'],
    ['Sat 11:00 → Mon', '2025-02-15T11:00', '2025-02-17'],
    ['Tue 19:30 → Wed', '2025-02-11T19:30', '2025-02-12'],
    [
      'Fri before Nauryz 2026 at 19:00 → first working day after it (Thu)',
      '2026-03-20T19:00',
      '2026-03-26',
    ],
    ['on a holiday (Nauryz) → first working day after it', '2026-03-23T10:00', '2026-03-26'],
    ['Tue 31.12.2024 at 19:00 → the worked Sunday 05.01.2025', '2024-12-31T19:00', '2025-01-05'],
    ['09:00 exactly is inside', '2025-02-11T09:00', '2025-02-11'],
    [
      '17:45 is inside: working hours, not the 17:30 intake window',
      '2025-02-11T17:45',
      '2025-02-11',
    ],
    ['17:59 is inside', '2025-02-11T17:59', '2025-02-11'],
    ['18:00 exactly is outside → next working day', '2025-02-11T18:00', '2025-02-12'],
    ['lunch 13:30 is inside the working day', '2025-02-11T13:30', '2025-02-11'],
    [
      '08:59 is outside → next working day (003:31 read literally)',
      '2025-02-11T08:59',
      '2025-02-12',
    ],
    ['Fri 19:00 before a shifted Monday → Tue', '2024-07-05T19:00', '2024-07-09'],
  ])('R-REG-1: %s', (_label, receivedAt, expected) => {
    expect(registrationDate(receivedAt, calendar)).toBe(expected);
  });

  test('R-REG-1: the start moment is the receipt when registered on receipt, else opening time', () => {
    expect(registrationStart('2025-02-11T10:07', calendar)).toEqual({
      date: '2025-02-11',
      at: '2025-02-11T10:07',
    });
    expect(registrationStart('2025-02-15T11:00', calendar)).toEqual({
      date: '2025-02-17',
      at: '2025-02-17T09:00',
    });
  });

  test('R-REG-1 with State Corporation hours and calendar: Saturday evening is inside', () => {
    const sc = createStateCorporationCalendar();
    expect(registrationDate('2025-02-15T19:30', sc, STATE_CORPORATION_HOURS.working)).toBe(
      '2025-02-15',
    );
    expect(registrationDate('2025-02-15T20:00', sc, STATE_CORPORATION_HOURS.working)).toBe(
      '2025-02-17',
    );
  });
});
