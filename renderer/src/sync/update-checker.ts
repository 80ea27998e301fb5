// The desk's side of updates from the district hub (issue 11 §5): after a sync the desk asks the
// shell to check the hub's feed; the person chooses to download and then to install. No React here:
// the prompt (features/updates) and the system page read the same state. What must stay true:
// - A check never runs twice at once, and at most once per CHECK_EVERY_MS after one that answered.
// - Nothing downloads or installs without a click; "later" hides one version until the next start.
// - A failed check is quiet (the hub may have no feed); a failed download says why (a checksum or a
//   signature refused is said plainly: nothing was installed).
import type { AkimatBridge, UpdateFailure, UpdateStatus } from '../../../shared/ipc';

export const CHECK_EVERY_MS = 30 * 60_000;

export interface UpdateState {
  /** The last answer of the shell, null before the first check. */
  readonly status: UpdateStatus | null;
  readonly busy: 'checking' | 'downloading' | 'installing' | null;
  /** The version the person put off ("later"). */
  readonly dismissed: string | null;
  /** Why the last download was refused, until the person closes the message. */
  readonly downloadFailure: UpdateFailure | null;
}

/** What the frame's prompt shows. */
export type UpdatePrompt =
  | { readonly kind: 'none' }
  | { readonly kind: 'available'; readonly version: string }
  | { readonly kind: 'downloading'; readonly version: string }
  | { readonly kind: 'ready'; readonly version: string; readonly installing: boolean }
  | { readonly kind: 'refused'; readonly reason: UpdateFailure };

export function updatePromptOf(state: UpdateState): UpdatePrompt {
  if (state.downloadFailure !== null) return { kind: 'refused', reason: state.downloadFailure };
  const status = state.status;
  if (status === null) return { kind: 'none' };
  if (status.kind === 'available') {
    if (state.busy === 'downloading') return { kind: 'downloading', version: status.version };
    return state.dismissed === status.version
      ? { kind: 'none' }
      : { kind: 'available', version: status.version };
  }
  if (status.kind === 'ready') {
    return state.dismissed === status.version
      ? { kind: 'none' }
      : { kind: 'ready', version: status.version, installing: state.busy === 'installing' };
  }
  return { kind: 'none' };
}

export interface UpdateChecker {
  /** After a sync: asks the feed, unless a check answered within CHECK_EVERY_MS. */
  check(credential: string, nowMs: number): Promise<void>;
  download(): Promise<void>;
  install(): Promise<void>;
  later(): void;
  closeRefusal(): void;
  getState(): UpdateState;
  subscribe(listener: () => void): () => void;
}

export function createUpdateChecker(bridge: AkimatBridge): UpdateChecker {
  let state: UpdateState = { status: null, busy: null, dismissed: null, downloadFailure: null };
  let lastAnsweredMs: number | null = null;
  const listeners = new Set<() => void>();
  const set = (next: Partial<UpdateState>) => {
    state = { ...state, ...next };
    for (const l of listeners) l();
  };

  return {
    async check(credential, nowMs) {
      if (state.busy !== null) return;
      if (state.status?.kind === 'unsupported') return;
      if (lastAnsweredMs !== null && nowMs - lastAnsweredMs < CHECK_EVERY_MS) return;
      set({ busy: 'checking' });
      try {
        const status = await bridge.checkForUpdate({ credential });
        if (status.kind !== 'failed') lastAnsweredMs = nowMs;
        // A failed check keeps what was known (an offered or downloaded update stays offered).
        set(status.kind === 'failed' ? { busy: null } : { status, busy: null });
      } catch {
        set({ busy: null });
      }
    },
    async download() {
      if (state.busy !== null || state.status?.kind !== 'available') return;
      set({ busy: 'downloading', downloadFailure: null });
      try {
        const status = await bridge.downloadUpdate();
        if (status.kind === 'failed') {
          // A refused installer is no longer offered; the next check may offer it again.
          set({ busy: null, downloadFailure: status.reason, status: null });
          lastAnsweredMs = null;
        } else {
          set({ busy: null, status });
        }
      } catch {
        set({ busy: null, downloadFailure: 'unreachable' });
      }
    },
    async install() {
      if (state.busy !== null || state.status?.kind !== 'ready') return;
      set({ busy: 'installing' });
      const started = await bridge.installUpdate().catch(() => false);
      if (!started) set({ busy: null, downloadFailure: 'nothingOffered', status: null });
    },
    later() {
      const status = state.status;
      if (status?.kind === 'available' || status?.kind === 'ready') {
        set({ dismissed: status.version });
      }
    },
    closeRefusal() {
      set({ downloadFailure: null });
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const checkers = new WeakMap<AkimatBridge, UpdateChecker>();

/** The one checker of a bridge: the sync hook and the screens share it. */
export function updateCheckerFor(bridge: AkimatBridge): UpdateChecker {
  let checker = checkers.get(bridge);
  if (!checker) {
    checker = createUpdateChecker(bridge);
    checkers.set(bridge, checker);
  }
  return checker;
}
