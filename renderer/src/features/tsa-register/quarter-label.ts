import type { TFunction } from 'i18next';
import { isQuarter, quarterParts, type Quarter } from '../../../../shared/tsa-register';

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** '2026-Q4' → 'IV квартал 2026 г.' / '2026 жылғы IV тоқсан'. */
export function quarterLabel(t: TFunction, quarter: Quarter): string {
  if (!isQuarter(quarter)) return quarter;
  const { year, quarter: q } = quarterParts(quarter);
  return t('tsaRegister:quarterName', { year, quarter: ROMAN[q - 1] });
}
