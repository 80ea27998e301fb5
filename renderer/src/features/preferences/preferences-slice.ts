import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Language } from '../../../../shared/ipc';

export interface PreferencesState {
  language: Language;
}

export const preferencesSlice = createSlice({
  name: 'preferences',
  initialState: { language: 'kk' } as PreferencesState,
  reducers: {
    languageChosen(state, action: PayloadAction<Language>) {
      state.language = action.payload;
    },
  },
});

export const { languageChosen } = preferencesSlice.actions;
