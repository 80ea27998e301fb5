import type { TFunction } from 'i18next';
import type { RuleSourceWords } from '../../../shared/catalog';

/**
 * The line naming the act a service's rule was taken from (shared/catalog ruleSourceWords), the same
 * words on the intake screen and the case page: a source, not the office's own act (issue 10 §5).
 */
export function ruleSourceText(words: RuleSourceWords, t: TFunction): string {
  return words.act
    ? t('catalog:ruleSource.withAct', { title: words.title, act: words.act })
    : t('catalog:ruleSource.titleOnly', { title: words.title });
}
