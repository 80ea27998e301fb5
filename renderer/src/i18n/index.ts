export { createI18n, localeResources, NAMESPACES } from './i18n';
export { formatNumber, numberLocale } from './format';
export { dateInputOf, parseDateInput, parseTengeToTiyn } from './input-formats';
export { ruleSourceText } from './rule-source';
export { MINUTES_SHOWN, timeLeftText, type TimeLeftOptions } from './time-left';
