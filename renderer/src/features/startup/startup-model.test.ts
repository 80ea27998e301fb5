import { describe, expect, test } from 'vitest';
import {
  LANGUAGE_COPY_KEY,
  rememberLanguage,
  startupLanguages,
  startupSteps,
  type LanguageStore,
} from './startup-model';

function memoryStore(initial: Record<string, string> = {}): LanguageStore {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

const refusing: LanguageStore = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

describe('the start-up error page', () => {
  test('speaks the language the desk last used', () => {
    const store = memoryStore();
    rememberLanguage(store, 'ru');
    expect(store.getItem(LANGUAGE_COPY_KEY)).toBe('ru');
    expect(startupLanguages(store)).toEqual(['ru']);
    rememberLanguage(store, 'kk');
    expect(startupLanguages(store)).toEqual(['kk']);
  });

  test('speaks Kazakh and Russian both when the language cannot be read', () => {
    expect(startupLanguages(memoryStore())).toEqual(['kk', 'ru']);
    expect(startupLanguages(memoryStore({ [LANGUAGE_COPY_KEY]: 'en' }))).toEqual(['kk', 'ru']);
    expect(startupLanguages(null)).toEqual(['kk', 'ru']);
    expect(startupLanguages(refusing)).toEqual(['kk', 'ru']);
    // A storage that refuses to keep the copy is not an error at start.
    expect(() => rememberLanguage(refusing, 'kk')).not.toThrow();
  });

  test('says what to do for each reason, and always where to call last', () => {
    expect(startupSteps('common:startup.reasons.blocked')[0]).toBe('closeWindows');
    expect(startupSteps('common:startup.reasons.diskFull')[0]).toBe('freeSpace');
    expect(startupSteps('common:startup.reasons.newerVersion')[0]).toBe('update');
    for (const reason of [
      'common:startup.reasons.blocked',
      'common:startup.reasons.diskFull',
      'common:startup.reasons.newerVersion',
      'common:startup.reasons.unavailable',
      'common:startup.reasons.unknown',
    ] as const) {
      expect(startupSteps(reason).at(-1)).toBe('support');
    }
  });
});
