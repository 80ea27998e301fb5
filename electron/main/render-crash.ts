// What the shell does when the desk's page dies (Electron's render-process-gone). What must stay true:
// - Nothing saved is lost: everything the desk saved is in IndexedDB, which lives in the session's
//   profile on disk, not in the dead page. A reload loads the desk again on the same session; the
//   shell never clears storage, and never restarts on its own while a person may be reading.
// - The person is asked: reload, or close the desk. A page that keeps dying is said to keep dying, so
//   nobody clicks "reload" forever.
// - A clean exit (the window closing) is not a crash.
import type { Language } from '../../shared/ipc';
import kkShell from '../../locales/kk/shell.json';
import ruShell from '../../locales/ru/shell.json';

/** Electron's RenderProcessGoneDetails.reason. */
export type RenderGoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

/** Crashes within this window count as the page dying again and again. */
export const CRASH_WINDOW_MS = 10 * 60_000;
/** From this many crashes in the window on, the dialog says it keeps happening. */
export const REPEATED_CRASHES = 3;

export type CrashResponse =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'offerReload';
      /** The page died REPEATED_CRASHES times or more within CRASH_WINDOW_MS. */
      readonly repeated: boolean;
      /** Where the reload goes: the desk's start page, never the page that died on its own URL. */
      readonly reloadUrl: string;
    };

/**
 * The decision, given the earlier crashes' times (this one not included) and the desk's start page.
 */
export function crashResponse(
  reason: RenderGoneReason,
  earlierCrashesMs: readonly number[],
  nowMs: number,
  startUrl: string,
): CrashResponse {
  if (reason === 'clean-exit') return { kind: 'none' };
  const recent = earlierCrashesMs.filter((at) => nowMs - at < CRASH_WINDOW_MS).length + 1;
  return { kind: 'offerReload', repeated: recent >= REPEATED_CRASHES, reloadUrl: startUrl };
}

const CRASH_TEXT: Record<Language, typeof kkShell.crash> = { kk: kkShell.crash, ru: ruShell.crash };

/** The dialog's words; button 0 reloads, button 1 closes the desk. */
export function crashDialog(
  language: Language,
  repeated: boolean,
): { title: string; message: string; detail: string; buttons: [string, string] } {
  const t = CRASH_TEXT[language];
  return {
    title: t.title,
    message: t.message,
    detail: repeated ? `${t.detail}\n\n${t.repeated}` : t.detail,
    buttons: [t.reload, t.quit],
  };
}
