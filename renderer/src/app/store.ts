import { configureStore, createListenerMiddleware } from '@reduxjs/toolkit';
import type { i18n } from 'i18next';
import type { AkimatBridge, Language } from '../../../shared/ipc';
import type { SettingsRepository } from '../db';
import { connectivitySlice } from '../features/connectivity';
import { languageChosen, preferencesSlice } from '../features/preferences';
import { sessionSlice } from '../features/session';

export interface StoreDeps {
  i18n: i18n;
  settings: SettingsRepository;
  platform: AkimatBridge;
}

export const LANGUAGE_SETTING = 'language';

/**
 * Redux holds only what the screens show right now; saved data lives in Dexie. Side effects of
 * events (saving the language, telling the shell) run in listeners, not in components.
 */
export function createAppStore(deps: StoreDeps, language: Language) {
  const listeners = createListenerMiddleware();
  listeners.startListening({
    actionCreator: languageChosen,
    effect: async ({ payload }) => {
      await deps.i18n.changeLanguage(payload);
      await deps.settings.set(LANGUAGE_SETTING, payload);
      await deps.platform.setLanguage(payload);
    },
  });

  return configureStore({
    reducer: {
      preferences: preferencesSlice.reducer,
      connectivity: connectivitySlice.reducer,
      session: sessionSlice.reducer,
    },
    preloadedState: { preferences: { language } },
    middleware: (getDefault) => getDefault().prepend(listeners.middleware),
  });
}

export type AppStore = ReturnType<typeof createAppStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
