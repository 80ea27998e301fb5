import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../../shared/case';
import { correspondenceLanguage } from '../../../../shared/sms';

/**
 * The applicant's language for correspondence, as a fact of the application card (a `dt`/`dd` pair in
 * a `dl`): the one the SMS notice of the decision is written in (shared/sms correspondenceLanguage).
 * An application registered before the choice existed says none: the state language, marked so.
 */
export function CorrespondenceLanguageFact({ state }: { state: CaseState }) {
  const { t } = useTranslation('sms');
  const language = correspondenceLanguage(state);
  const given =
    state.application?.applicant.language !== undefined ||
    state.intake?.applicant.language !== undefined ||
    state.applicant?.language !== undefined;
  return (
    <div data-testid="application-language">
      <dt>{t('language.label')}</dt>
      <dd>
        {t(`language.${language}`)}
        {!given && <span className="cp-muted"> {t('language.notGiven')}</span>}
      </dd>
    </div>
  );
}
