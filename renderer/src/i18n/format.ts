import type { Language } from '../../../shared/ipc';

/**
 * Kazakhstan writes numbers as 1 234 567,89 in both languages. Chromium claims Kazakh support but
 * formats 'kk' numbers the English way (19,660.5), so numbers are always formatted with the Russian
 * (Kazakhstan) rules, which are the same convention. `language` stays in the signature so a future
 * locale with other rules can be added here.
 */
export function numberLocale(_language: Language): string {
  return 'ru-KZ';
}

export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  return new Intl.NumberFormat(numberLocale(language), {
    maximumFractionDigits: fractionDigits,
  }).format(value);
}
