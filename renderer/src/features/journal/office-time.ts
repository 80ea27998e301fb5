import { useEffect, useState } from 'react';
import { createWorkingCalendar, type WorkingCalendar } from '../../../../shared/calendar';
import type { LocalDateTime } from '../../../../shared/time';
import type { DeskClock } from '../../platform';

/** The akim office's working-day calendar (five-day week, national holidays and transfers). */
export const OFFICE_CALENDAR: WorkingCalendar = createWorkingCalendar();

/**
 * The office wall clock, re-read every 30 seconds, so statuses turn at midnight and reminders fire at
 * their minute while a screen stays open.
 */
export function useOfficeNow(clock: DeskClock): LocalDateTime {
  const [now, setNow] = useState(() => clock.nowLocal());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.nowLocal()), 30_000);
    return () => clearInterval(timer);
  }, [clock]);
  return now;
}
