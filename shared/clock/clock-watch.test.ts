import { describe, expect, test } from 'vitest';
import {
  CLOCK_JUMP_TOLERANCE_MS,
  jumpAgainstHighWater,
  jumpAgainstHub,
  jumpWithinSession,
  startWait,
  waitRemainingMs,
  type WaitReading,
} from './clock-watch';

// Issue 11 §7: a desk whose clock jumps backwards or far forwards notices it, and the PIN wait cannot
// be skipped by moving the clock.

const T = Date.UTC(2026, 10, 23, 5, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('clock jumps', () => {
  test('within a session: the wall clock moved more or less than the monotonic clock', () => {
    const before = { wallMs: T, monoMs: 1_000, session: 's1' };
    // Ten minutes pass on both clocks: no jump.
    expect(
      jumpWithinSession(before, { wallMs: T + 10 * MIN, monoMs: 1_000 + 10 * MIN, session: 's1' }),
    ).toBeNull();
    // One minute passes, the clock shows three hours earlier.
    expect(
      jumpWithinSession(before, { wallMs: T - 3 * HOUR + MIN, monoMs: 1_000 + MIN, session: 's1' }),
    ).toEqual({
      kind: 'backward',
      basis: 'session',
      deltaMs: 3 * HOUR,
      expectedMs: T + MIN,
      shownMs: T - 3 * HOUR + MIN,
    });
    // One minute passes, the clock shows a week later.
    expect(
      jumpWithinSession(before, {
        wallMs: T + 7 * 24 * HOUR + MIN,
        monoMs: 1_000 + MIN,
        session: 's1',
      }),
    ).toMatchObject({ kind: 'forward', deltaMs: 7 * 24 * HOUR });
    // A small correction (NTP) is no jump; another session's reading says nothing.
    expect(
      jumpWithinSession(before, { wallMs: T + 90_000, monoMs: 1_000, session: 's1' }),
    ).toBeNull();
    expect(
      jumpWithinSession(before, { wallMs: T - 3 * HOUR, monoMs: 5, session: 's2' }),
    ).toBeNull();
  });

  test('across restarts: a clock below the HLC high-water mark was set back', () => {
    expect(jumpAgainstHighWater(T, T - 2 * HOUR)).toEqual({
      kind: 'backward',
      basis: 'hlc',
      deltaMs: 2 * HOUR,
      expectedMs: T,
      shownMs: T - 2 * HOUR,
    });
    expect(jumpAgainstHighWater(T, T - CLOCK_JUMP_TOLERANCE_MS)).toBeNull();
    // Later than every stamp is time passing (the laptop was off for a week).
    expect(jumpAgainstHighWater(T, T + 7 * 24 * HOUR)).toBeNull();
  });

  test("against the hub: the desk's offset beyond the threshold, in its direction", () => {
    expect(jumpAgainstHub(2 * HOUR, T, 5 * MIN)).toMatchObject({
      kind: 'forward',
      basis: 'hub',
      deltaMs: 2 * HOUR,
      expectedMs: T - 2 * HOUR,
    });
    expect(jumpAgainstHub(-20 * MIN, T, 5 * MIN)).toMatchObject({
      kind: 'backward',
      deltaMs: 20 * MIN,
    });
    expect(jumpAgainstHub(4 * MIN, T, 5 * MIN)).toBeNull();
  });
});

describe('a wait the clock cannot shorten (the PIN wait)', () => {
  const at = (wallMs: number, monoMs: number, session = 's1', highWaterMs = T): WaitReading => ({
    wallMs,
    monoMs,
    session,
    highWaterMs,
  });

  test('within a session the monotonic clock counts: moving the clock forward skips nothing', () => {
    const wait = startWait(30_000, at(T, 1_000));
    expect(waitRemainingMs(wait, at(T + 10_000, 11_000))).toBe(20_000);
    // The clock set an hour forward, five seconds later: 15 s still to wait.
    expect(waitRemainingMs(wait, at(T + HOUR, 16_000))).toBe(15_000);
    // The clock set a day back: the wait does not grow either.
    expect(waitRemainingMs(wait, at(T - 24 * HOUR, 21_000))).toBe(10_000);
    expect(waitRemainingMs(wait, at(T - 24 * HOUR, 31_000))).toBe(0);
  });

  test('after a restart the wall clock counts from no earlier than the high-water mark', () => {
    // The clock was set a day back before the wrong PINs: the wait starts at the high-water mark.
    const wait = startWait(15 * MIN, at(T - 24 * HOUR, 1_000, 's1', T));
    expect(wait.startWallMs).toBe(T);
    // Restarted with the clock put right (still the same minute): the whole wait is left.
    expect(waitRemainingMs(wait, at(T + MIN, 50, 's2'))).toBe(14 * MIN);
    // Restarted with the clock set back further: the wait stays, never longer than it was.
    expect(waitRemainingMs(wait, at(T - 5 * HOUR, 50, 's2'))).toBe(15 * MIN);
    // Time really passed while the desk was closed.
    expect(waitRemainingMs(wait, at(T + 20 * MIN, 50, 's3'))).toBe(0);
  });
});
