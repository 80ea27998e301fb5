import type { AkimatBridge } from '../../../shared/ipc';
import type { SyncPlatform } from './engine';
import { updateCheckerFor } from './update-checker';

/** A request that has not answered in this long is given up (a stalled village link). */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The page's fetch (with a timeout), clock, timer and online signal for the sync engine, and the
 * shell's pinning of the joined hub (Electron's setHubLink; a browser build keeps its own checks).
 */
export function pageSyncPlatform(bridge: AkimatBridge): SyncPlatform {
  return {
    fetch: async (url, init) =>
      fetch(url, {
        method: init.method,
        headers: init.headers,
        ...(init.body ? { body: init.body as BodyInit } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
    nowMs: () => Date.now(),
    every: (ms, tick) => {
      const timer = window.setInterval(tick, ms);
      return () => window.clearInterval(timer);
    },
    online: {
      current: () => navigator.onLine,
      subscribe: (listener) => {
        const on = (): void => listener(true);
        const off = (): void => listener(false);
        window.addEventListener('online', on);
        window.addEventListener('offline', off);
        return () => {
          window.removeEventListener('online', on);
          window.removeEventListener('offline', off);
        };
      },
    },
    rememberHub: (link) => bridge.setHubLink(link),
    // After each sync the desk asks the hub's update feed through the shell (issue 11 §5).
    afterSync: (hub) => void updateCheckerFor(bridge).check(hub.credential, Date.now()),
    fetchScans: (input, init) =>
      fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  };
}
