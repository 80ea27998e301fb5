import type { LocalDate, LocalDateTime } from '../../../shared/time';

/**
 * The desk's one reading of the clock. Legal times are the office's wall clock (Kazakhstan has one
 * zone, UTC+5, since 01.03.2024), taken at the moment of the act and never changed by sync.
 */
export interface DeskClock {
  nowMs(): number;
  /** 'YYYY-MM-DDTHH:mm' at the office. */
  nowLocal(): LocalDateTime;
  today(): LocalDate;
}

export const OFFICE_TIME_ZONE = 'Asia/Almaty';

export function localDateTimeAt(ms: number, timeZone = OFFICE_TIME_ZONE): LocalDateTime {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export function systemClock(): DeskClock {
  return {
    nowMs: () => Date.now(),
    nowLocal: () => localDateTimeAt(Date.now()),
    today: () => localDateTimeAt(Date.now()).slice(0, 10),
  };
}

/**
 * The page's monotonic clock (performance.now()), which no change of the system clock moves, with an
 * id of this session of the page: a reading means something only against another of the same
 * session (shared/clock clock-watch).
 */
export interface MonotonicClock {
  readonly session: string;
  monoMs(): number;
}

export const pageMonotonicClock: MonotonicClock = {
  session: crypto.randomUUID(),
  monoMs: () => performance.now(),
};
