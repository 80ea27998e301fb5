import { useEffect } from 'react';
import { useAppDispatch } from '../../app/hooks';
import {
  hubInfoSchema,
  hubReached,
  hubUnreachable,
  networkWentOffline,
  networkWentOnline,
} from './connectivity-slice';

const CHECK_EVERY_MS = 15_000;
const CHECK_TIMEOUT_MS = 4_000;

/**
 * Drives the online/offline badge from real signals: the browser's online/offline events and a
 * periodic request to the hub's /v1/info. Nothing here ever blocks work: the desk is offline-first.
 */
export function useConnectivityMonitor(hubUrl: string | null): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (hubUrl === null) return undefined;
    let cancelled = false;

    const check = async (): Promise<void> => {
      if (!navigator.onLine) {
        dispatch(networkWentOffline());
        return;
      }
      try {
        const response = await fetch(new URL('/v1/info', hubUrl), {
          signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
          cache: 'no-store',
        });
        const info = hubInfoSchema.safeParse(await response.json());
        if (cancelled) return;
        dispatch(response.ok && info.success ? hubReached(info.data) : hubUnreachable());
      } catch {
        if (!cancelled) dispatch(hubUnreachable());
      }
    };

    const onOnline = (): void => {
      dispatch(networkWentOnline());
      void check();
    };
    const onOffline = (): void => {
      dispatch(networkWentOffline());
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    void check();
    const timer = window.setInterval(() => void check(), CHECK_EVERY_MS);
    return () => {
      cancelled = true;
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.clearInterval(timer);
    };
  }, [dispatch, hubUrl]);
}
