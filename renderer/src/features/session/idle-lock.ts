import { useEffect } from 'react';
import { useDesk } from '../../app/desk-context';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { deskLocked } from './session-slice';

/** What counts as someone working at the desk. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** How often the idle time is checked; the lock comes at most this late. */
const CHECK_EVERY_MS = 5_000;

/**
 * Locks the desk after `office.lockAfterMinutes` without keyboard or mouse activity. Time comes from
 * the desk clock, so a sleeping laptop that wakes after the limit locks at the first check.
 */
export function useIdleLock(): void {
  const { clock, office } = useDesk();
  const dispatch = useAppDispatch();
  const active = useAppSelector((s) => s.session.user !== null && !s.session.locked);
  const limitMs = (office?.lockAfterMinutes ?? 10) * 60_000;

  useEffect(() => {
    if (!active) return;
    let lastActivity = clock.nowMs();
    const touch = () => {
      lastActivity = clock.nowMs();
    };
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, touch, { capture: true, passive: true });
    }
    const timer = setInterval(
      () => {
        if (clock.nowMs() - lastActivity >= limitMs) dispatch(deskLocked());
      },
      Math.min(CHECK_EVERY_MS, limitMs),
    );
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY_EVENTS) {
        window.removeEventListener(type, touch, { capture: true });
      }
    };
  }, [active, clock, dispatch, limitMs]);
}

/** Mount once inside the desk: runs the idle lock, shows nothing. */
export function IdleLock(): null {
  useIdleLock();
  return null;
}
