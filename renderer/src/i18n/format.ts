import type { Language } from '../../../shared/ipc';

/**
 * Kazakhstan writes numbers as 1 234 567,89 in both languages. Chromium builds without Kazakh ICU
 * data would silently fall back to English grouping for 'kk', so Russian (Kazakhstan) is the next
 * choice: it has the same convention.
 */
export function numberLocales(language: Language): string[] {
  return language === 'kk' ? ['kk-KZ', 'ru-KZ'] : ['ru-KZ'];
}

export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  return new Intl.NumberFormat(numberLocales(language), {
    maximumFractionDigits: fractionDigits,
  }).format(value);
}
