// Time that cannot be bent (issue 11 §7). A village laptop's clock is set by whoever sits at it; the
// desk keeps its order with the HLC whatever the clock does (hlc.ts), but two things need more:
// noticing that the clock was moved (a warning in the frame, a record on the system page), and
// waits that moving the clock must not shorten (the PIN wait after wrong PINs). Pure functions: the
// readings are passed in. What must stay true:
// - Within one session of the page, elapsed time is the monotonic clock's (performance.now()), which
//   no change of the system clock moves. A wall clock that disagrees with it by more than the
//   tolerance was moved, by that much.
// - Across restarts there is no monotonic clock: the wall clock is compared with the highest wall
//   time the desk has ever stamped (its HLC's high-water mark). A clock below it was set back.
// - Against the hub (once synced), a desk more than CLOCK_SKEW_WARNING_MS (shared/sync) off the hub's
//   time is off by that much, in a known direction.
// - A wait started under one clock can only end by time passing: within a session by the monotonic
//   clock; after a restart by the wall clock counted from no earlier than the high-water mark at the
//   start (setting the clock back before the wrong PINs gains nothing), and never longer than it was.
//   What no desk can tell alone is a clock set forward while the desk was closed: the hub's time tells
//   it at the next sync (jumpAgainstHub), and that is recorded too.

/** A drift of the wall clock against the monotonic one that is not a jump (NTP steps, sleep). */
export const CLOCK_JUMP_TOLERANCE_MS = 2 * 60_000;

/** One reading of both clocks in one session of the page. */
export interface ClockReading {
  /** Date.now() */
  readonly wallMs: number;
  /** performance.now(): counts from the page's start, never moved by the system clock. */
  readonly monoMs: number;
  /** Which session of the page the monotonic reading belongs to (a new one after every restart). */
  readonly session: string;
}

export type ClockJumpKind = 'backward' | 'forward';
/** What the jump was measured against. */
export type ClockJumpBasis = 'session' | 'hlc' | 'hub';

export interface ClockJump {
  readonly kind: ClockJumpKind;
  readonly basis: ClockJumpBasis;
  /** How far the clock moved, always positive. */
  readonly deltaMs: number;
  /** The time the clock should have shown (by the basis) and the time it showed. */
  readonly expectedMs: number;
  readonly shownMs: number;
}

function jump(
  basis: ClockJumpBasis,
  expectedMs: number,
  shownMs: number,
  toleranceMs: number,
): ClockJump | null {
  const delta = shownMs - expectedMs;
  if (!Number.isFinite(delta) || Math.abs(delta) <= toleranceMs) return null;
  return {
    kind: delta < 0 ? 'backward' : 'forward',
    basis,
    deltaMs: Math.abs(delta),
    expectedMs,
    shownMs,
  };
}

/**
 * A jump between two readings of one session: the wall clock moved by more than the monotonic clock
 * did (forward) or less (backward). Readings of different sessions say nothing (null).
 */
export function jumpWithinSession(
  before: ClockReading,
  now: ClockReading,
  toleranceMs: number = CLOCK_JUMP_TOLERANCE_MS,
): ClockJump | null {
  if (before.session !== now.session) return null;
  return jump('session', before.wallMs + (now.monoMs - before.monoMs), now.wallMs, toleranceMs);
}

/**
 * The clock set back below the highest time this desk has stamped (its HLC's wall). Only backward:
 * a clock ahead of every stamp is what time passing looks like.
 */
export function jumpAgainstHighWater(
  highWaterMs: number,
  wallMs: number,
  toleranceMs: number = CLOCK_JUMP_TOLERANCE_MS,
): ClockJump | null {
  if (wallMs >= highWaterMs) return null;
  return jump('hlc', highWaterMs, wallMs, toleranceMs);
}

/** The desk's clock against the hub's (offset = desk − hub at the same moment). */
export function jumpAgainstHub(
  offsetMs: number,
  deskWallMs: number,
  thresholdMs: number,
): ClockJump | null {
  return jump('hub', deskWallMs - offsetMs, deskWallMs, thresholdMs);
}

// ---- Waits that moving the clock cannot shorten --------------------------------------------------

/** A wait as it is stored: how long, and where it started on both clocks. */
export interface WaitStart {
  readonly lengthMs: number;
  /** The wall clock at the start, raised to the HLC's high-water mark if the clock was behind it. */
  readonly startWallMs: number;
  readonly startMonoMs: number;
  readonly session: string;
}

/** A reading with the HLC's high-water mark (0 when the desk has stamped nothing). */
export interface WaitReading extends ClockReading {
  readonly highWaterMs: number;
}

export function startWait(lengthMs: number, now: WaitReading): WaitStart {
  return {
    lengthMs,
    startWallMs: Math.max(now.wallMs, now.highWaterMs),
    startMonoMs: now.monoMs,
    session: now.session,
  };
}

/** How much of the wait is left (0: over). Never more than its length, whatever the clocks say. */
export function waitRemainingMs(wait: WaitStart, now: WaitReading): number {
  const elapsed =
    wait.session === now.session ? now.monoMs - wait.startMonoMs : now.wallMs - wait.startWallMs;
  if (!Number.isFinite(elapsed)) return wait.lengthMs;
  return Math.min(wait.lengthMs, Math.max(0, wait.lengthMs - Math.max(0, elapsed)));
}
