// How the status area words what sync tells it: ages and progress as numbers the locale files put into
// words. Pure, so the frame and the system page say the same thing.
import type { SyncProgress } from '../../sync/engine';

export type AgeUnit = 'minutes' | 'hours' | 'days';

/** An age in its largest whole unit: under an hour in minutes, under two days in hours, else days. */
export function ageOf(ms: number): { unit: AgeUnit; count: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

/** Waiting this long without a sync is worth a person's attention (a day of work not at the district). */
export const STALE_AFTER_MS = 24 * 60 * 60_000;

/** The progress bar's value and maximum: pushing counts against what waited; pulling has no end known. */
export function progressBar(progress: SyncProgress): { value: number; max: number } | null {
  if (progress.phase === 'push' && progress.pushed.total > 0) {
    return { value: progress.pushed.done, max: progress.pushed.total };
  }
  if (progress.phase === 'scans' && progress.scans && progress.scans.total > 0) {
    return { value: progress.scans.done, max: progress.scans.total };
  }
  return null;
}
