import {
  CLOCK_JUMP_TOLERANCE_MS,
  jumpAgainstHub,
  jumpWithinSession,
  type ClockJump,
  type ClockReading,
} from '../../../../shared/clock';
import { CLOCK_SKEW_WARNING_MS } from '../../../../shared/sync';
import {
  clockJumpAgainstHlc,
  recordClockJump,
  type ClockJumpRecord,
  type DeskDatabase,
} from '../../db';
import type { MonotonicClock } from '../../platform';

// The frame's clock watch: reads the wall clock and the page's monotonic clock every few seconds and
// records a jump between them (within the session), the clock found below the HLC's high-water mark
// (at start: the clock was set back while the desk was closed), and a sync's offset from the hub's
// time beyond the warning threshold. The decisions are shared/clock's; this only reads and records.

export interface ClockWatchDeps {
  readonly db: DeskDatabase;
  readonly nowMs: () => number;
  readonly mono: MonotonicClock;
  /** Who is logged in now (null on the login screen). */
  readonly user: () => { readonly id: string; readonly name: string } | null;
  readonly newId: () => string;
}

export interface ClockWatch {
  /** Reads both clocks; records and returns a jump since the last reading (or, first, the HLC's). */
  check(): Promise<ClockJumpRecord | null>;
  /** A sync's offset from the hub (desk − hub) at `atMs`; each sync is judged once. */
  checkHub(offsetMs: number, atMs: number): Promise<ClockJumpRecord | null>;
}

export function createClockWatch(deps: ClockWatchDeps): ClockWatch {
  let last: ClockReading | null = null;
  let hubSeenAtMs: number | null = null;
  const record = (jump: ClockJump | null): Promise<ClockJumpRecord | null> =>
    jump === null
      ? Promise.resolve(null)
      : recordClockJump(deps.db, jump, {
          nowMs: deps.nowMs(),
          newId: deps.newId,
          user: deps.user(),
        });
  return {
    async check() {
      const now: ClockReading = {
        wallMs: deps.nowMs(),
        monoMs: deps.mono.monoMs(),
        session: deps.mono.session,
      };
      const before = last;
      last = now;
      if (before === null) return record(await clockJumpAgainstHlc(deps.db, now.wallMs));
      return record(jumpWithinSession(before, now, CLOCK_JUMP_TOLERANCE_MS));
    },
    async checkHub(offsetMs, atMs) {
      if (hubSeenAtMs === atMs) return null;
      hubSeenAtMs = atMs;
      return record(jumpAgainstHub(offsetMs, atMs, CLOCK_SKEW_WARNING_MS));
    },
  };
}

/** How far the clock moved, as people say it: minutes under two hours, hours under two days, days. */
export function jumpAmount(deltaMs: number): { unit: 'minutes' | 'hours' | 'days'; count: number } {
  const minutes = Math.round(deltaMs / 60_000);
  if (minutes < 120) return { unit: 'minutes', count: minutes };
  const hours = Math.round(deltaMs / 3_600_000);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.round(deltaMs / 86_400_000) };
}

/** The warning's message key for a jump. */
export function jumpMessageKey(record: Pick<ClockJumpRecord, 'kind' | 'basis'>): string {
  if (record.basis === 'hub') {
    return record.kind === 'forward' ? 'system:clock.aheadOfHub' : 'system:clock.behindHub';
  }
  if (record.basis === 'hlc') return 'system:clock.setBack';
  return record.kind === 'forward' ? 'system:clock.movedForward' : 'system:clock.movedBackward';
}
