import { useEffect, useState, useSyncExternalStore } from 'react';
import { useDesk } from '../../app/desk-context';
import { scansWaiting, syncStatus, useLive, type SyncStatus } from '../../db';
import type { SyncEngineState } from '../../sync/engine';

/** The engine's state (running, progress, how the last sync ended), re-rendered on every change. */
export function useSyncEngineState(): SyncEngineState {
  const { sync } = useDesk();
  return useSyncExternalStore(sync.subscribe, sync.getState);
}

/** A minute tick, so ages ("waiting for 2 h") move on while nothing else changes. */
function useMinute(nowMs: () => number): number {
  const [minute, setMinute] = useState(() => Math.floor(nowMs() / 60_000));
  useEffect(() => {
    const timer = window.setInterval(() => setMinute(Math.floor(nowMs() / 60_000)), 30_000);
    return () => window.clearInterval(timer);
  }, [nowMs]);
  return minute;
}

/** What the desk's database says of sync (db syncStatus), live; undefined while first read. */
export function useSyncStatus(): SyncStatus | undefined {
  const { db, clock } = useDesk();
  const minute = useMinute(clock.nowMs);
  return useLive(() => syncStatus(db, clock.nowMs()), [db, clock, minute]);
}

/** How many scans wait for their own channel (sent after the events that name them). */
export function useScansWaiting(): number | undefined {
  const { db } = useDesk();
  return useLive(() => scansWaiting(db), [db]);
}
