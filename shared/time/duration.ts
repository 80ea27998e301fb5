/**
 * A legal term exactly as a regulation writes it: an amount and its unit. Working days are never
 * converted into calendar days (R-CAL-4); the deadline engine counts each unit by its own rule.
 */
export type DurationUnit = 'minutes' | 'workingDays' | 'calendarDays';

export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

export const minutes = (amount: number): Duration => ({ amount, unit: 'minutes' });
export const workingDays = (amount: number): Duration => ({ amount, unit: 'workingDays' });
export const calendarDays = (amount: number): Duration => ({ amount, unit: 'calendarDays' });
