// What the start-up error page says, as data: in which languages, and which steps to suggest. The
// language normally lives in the database, which is exactly what did not open: a copy is kept in the
// page's local storage at every start and change, and when even that cannot be read the page speaks
// both languages.
import { languageSchema, LANGUAGES, type Language } from '../../../../shared/ipc';
import type { OpenFailureReason } from '../../db';

/** Where the copy of the interface language is kept (local storage of the desk's origin). */
export const LANGUAGE_COPY_KEY = 'akimat-desk.language';

/** The part of Web Storage used here, so tests pass a Map-backed one. */
export interface LanguageStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Keeps a copy of the interface language; a storage that refuses (private mode) is not an error. */
export function rememberLanguage(store: LanguageStore | null, language: Language): void {
  try {
    store?.setItem(LANGUAGE_COPY_KEY, language);
  } catch {
    // The start-up page then speaks both languages.
  }
}

/** The languages of the start-up page: the saved one, or Kazakh and Russian both. */
export function startupLanguages(store: LanguageStore | null): readonly Language[] {
  try {
    const saved = languageSchema.safeParse(store?.getItem(LANGUAGE_COPY_KEY));
    if (saved.success) return [saved.data];
  } catch {
    // Unreadable storage: both languages.
  }
  return LANGUAGES;
}

export type StartupStep = 'closeWindows' | 'freeSpace' | 'update' | 'support';

/** What to do, the step that fits the reason first; calling support is always the last resort. */
export function startupSteps(reason: OpenFailureReason): readonly StartupStep[] {
  switch (reason) {
    case 'common:startup.reasons.blocked':
      return ['closeWindows', 'support'];
    case 'common:startup.reasons.diskFull':
      return ['freeSpace', 'closeWindows', 'support'];
    case 'common:startup.reasons.newerVersion':
      return ['update', 'support'];
    case 'common:startup.reasons.unavailable':
      return ['closeWindows', 'support'];
    case 'common:startup.reasons.unknown':
      return ['closeWindows', 'freeSpace', 'support'];
  }
}
