import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { loadToday, useLive, type TodayEntry } from '../../db';
import { useOfficeNow } from '../journal';

/** The logged-in person's today list (db loadToday), live; undefined while it loads. */
export function useTodayList(): TodayEntry[] | undefined {
  const { db, clock, calendar } = useDesk();
  const role = useAppSelector((s) => s.session.user?.role ?? null);
  const now = useOfficeNow(clock);
  return useLive(
    async () => (role === null ? [] : loadToday(db, now, role, calendar)),
    [db, now, role, calendar],
  );
}

export interface TodayGroup {
  /** The step's id; null for the whole term's items. */
  readonly stepId: string | null;
  readonly entries: readonly TodayEntry[];
}

/**
 * The list by step, in the order their most urgent item comes (the list is late first): one group per
 * step, and one for the whole terms.
 */
export function groupToday(entries: readonly TodayEntry[]): TodayGroup[] {
  const groups = new Map<string | null, TodayEntry[]>();
  for (const entry of entries) {
    const key = entry.item.stepId;
    const list = groups.get(key);
    if (list) list.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups].map(([stepId, list]) => ({ stepId, entries: list }));
}
