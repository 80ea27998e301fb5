export { StartupError, type StartupErrorProps, type StartupText } from './startup-error';
export {
  LANGUAGE_COPY_KEY,
  rememberLanguage,
  startupLanguages,
  startupSteps,
  type LanguageStore,
  type StartupStep,
} from './startup-model';
