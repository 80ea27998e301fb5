export { preferencesSlice, languageChosen, type PreferencesState } from './preferences-slice';
export { LanguageSwitch } from './language-switch';
