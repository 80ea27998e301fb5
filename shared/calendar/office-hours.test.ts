import { describe, expect, test } from 'vitest';
import {
  AKIM_OFFICE_HOURS,
  STATE_CORPORATION_HOURS,
  createStateCorporationCalendar,
  createWorkingCalendar,
  intakeTimeWarning,
  isWithinOpeningHours,
} from './index';

const calendar = createWorkingCalendar();

describe('R-CAL-2: office hours', () => {
  test('R-CAL-2: akim office defaults from seed 002:12', () => {
    expect(AKIM_OFFICE_HOURS.working).toEqual({
      open: '09:00',
      close: '18:00',
      lunch: { from: '13:00', to: '14:00' },
    });
    expect(AKIM_OFFICE_HOURS.intake).toEqual({
      open: '09:00',
      close: '17:30',
      lunch: { from: '13:00', to: '14:30' },
    });
  });

  test.each([
    ['2025-02-11T13:15', 'lunchBreak'],
    ['2025-02-11T14:29', 'lunchBreak'],
    ['2025-02-11T14:30', null],
    ['2025-02-11T12:59', null],
    ['2025-02-11T08:59', 'beforeOpening'],
    ['2025-02-11T09:00', null],
    ['2025-02-11T17:29', null],
    ['2025-02-11T17:30', 'afterClosing'],
    ['2025-02-15T11:00', 'dayOff'], // Saturday
    ['2026-03-23T11:00', 'dayOff'], // Nauryz
  ] as const)('R-CAL-2: intake at %s warns %s', (at, reason) => {
    const warning = intakeTimeWarning(at, calendar);
    expect(warning?.reason ?? null).toBe(reason);
    if (warning !== null) expect(warning.messageKey).toBe(`calendar:intake.${reason}`);
  });

  test('R-CAL-2: working hours are 09:00 ≤ t < 18:00, lunch included', () => {
    expect(isWithinOpeningHours('08:59', AKIM_OFFICE_HOURS.working)).toBe(false);
    expect(isWithinOpeningHours('09:00', AKIM_OFFICE_HOURS.working)).toBe(true);
    expect(isWithinOpeningHours('13:30', AKIM_OFFICE_HOURS.working)).toBe(true);
    expect(isWithinOpeningHours('17:59', AKIM_OFFICE_HOURS.working)).toBe(true);
    expect(isWithinOpeningHours('18:00', AKIM_OFFICE_HOURS.working)).toBe(false);
  });
});

describe('R-CAL-3: State Corporation hours', () => {
  const sc = createStateCorporationCalendar();

  test('R-CAL-3: Mon–Sat 09:00–20:00 without lunch', () => {
    expect(STATE_CORPORATION_HOURS.week).toBe('sixDay');
    expect(intakeTimeWarning('2025-02-15T13:15', sc, STATE_CORPORATION_HOURS)).toBeNull();
    expect(intakeTimeWarning('2025-02-15T19:59', sc, STATE_CORPORATION_HOURS)).toBeNull();
    expect(intakeTimeWarning('2025-02-15T20:00', sc, STATE_CORPORATION_HOURS)?.reason).toBe(
      'afterClosing',
    );
    expect(intakeTimeWarning('2025-02-16T10:00', sc, STATE_CORPORATION_HOURS)?.reason).toBe(
      'dayOff',
    );
  });
});
