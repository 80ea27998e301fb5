import { describe, expect, test } from 'vitest';
import { ageOf, progressBar } from './sync-view';

describe('how the status area words sync', () => {
  test('ages in their largest whole unit', () => {
    expect(ageOf(-5)).toEqual({ unit: 'minutes', count: 0 });
    expect(ageOf(59 * 60_000 + 59_000)).toEqual({ unit: 'minutes', count: 59 });
    expect(ageOf(60 * 60_000)).toEqual({ unit: 'hours', count: 1 });
    expect(ageOf(47 * 3_600_000 + 3_599_000)).toEqual({ unit: 'hours', count: 47 });
    expect(ageOf(48 * 3_600_000)).toEqual({ unit: 'days', count: 2 });
    expect(ageOf(10 * 86_400_000 + 5)).toEqual({ unit: 'days', count: 10 });
  });

  test('the bar counts pushed events against those waiting; pulling shows counts only', () => {
    expect(progressBar({ phase: 'push', pushed: { done: 120, total: 500 }, pulled: 0 })).toEqual({
      value: 120,
      max: 500,
    });
    expect(progressBar({ phase: 'push', pushed: { done: 0, total: 0 }, pulled: 0 })).toBeNull();
    expect(progressBar({ phase: 'pull', pushed: { done: 5, total: 5 }, pulled: 40 })).toBeNull();
    expect(progressBar({ phase: 'hello', pushed: { done: 0, total: 0 }, pulled: 0 })).toBeNull();
    expect(
      progressBar({
        phase: 'scans',
        pushed: { done: 5, total: 5 },
        pulled: 40,
        scans: { done: 1, total: 3 },
      }),
    ).toEqual({ value: 1, max: 3 });
  });
});
