import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/ipc';

type Resources = Record<Language, Record<string, Record<string, unknown>>>;

/** Every locales/<lang>/<namespace>.json file, bundled at build time. */
const files = import.meta.glob<Record<string, unknown>>('../../../locales/*/*.json', {
  eager: true,
  import: 'default',
});

export function localeResources(): Resources {
  const resources: Resources = { kk: {}, ru: {} };
  for (const [path, content] of Object.entries(files)) {
    const match = /locales\/(kk|ru)\/([\w-]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lang, namespace] = match as unknown as [string, Language, string];
    resources[lang][namespace] = content;
  }
  return resources;
}

export const NAMESPACES = Object.keys(localeResources().kk);

export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: localeResources(),
    lng: language,
    supportedLngs: [...LANGUAGES],
    fallbackLng: false,
    ns: NAMESPACES,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return instance;
}
