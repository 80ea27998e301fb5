import { useEffect, useState } from 'react';
import type { LocalDateTime } from '../../../../shared/time';
import type { DeskClock } from '../../platform';

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
