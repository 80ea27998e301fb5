import { useTranslation } from 'react-i18next';
import { localized, type CatalogDocument } from '../../../../shared/catalog';
import { LANGUAGES, type Language } from '../../../../shared/ipc';
import {
  formatDate,
  formatDateTime,
  type LocalDate,
  type LocalDateTime,
} from '../../../../shared/time';
import { SelectField } from './fields';
import type { IntakeFormValues, IntakeMode } from './intake-model';
import type { PlanPreview } from './service-choices';
import { durationText } from './service-section';

interface SubmitSectionProps {
  receivedAt: LocalDateTime;
  today: LocalDate;
  /** R-CAL-2: a message key when the application arrives outside the intake hours. */
  intakeWarning: string | null;
  plan: PlanPreview;
  mode: IntakeMode;
  gaps: readonly { doc: CatalogDocument; state: IntakeFormValues['documents'][string] }[];
  language: Language;
  submitting: boolean;
  /** Why the desk cannot save at all (nobody logged in, no office profile); a message key. */
  blocked: string | null;
  errorCount: number;
  saveError: string | null;
}

/** What registering now gives, the document language, and the one action the package allows. */
export function SubmitSection({
  receivedAt,
  today,
  intakeWarning,
  plan,
  mode,
  gaps,
  language,
  submitting,
  blocked,
  errorCount,
  saveError,
}: SubmitSectionProps) {
  const { t } = useTranslation('intake');
  const refuse = mode === 'refuse';
  return (
    <section className="card intake-card intake-submit" aria-labelledby="intake-submit-heading">
      <h2 id="intake-submit-heading">
        {refuse ? t('submit.refuseHeading') : t('submit.registerHeading')}
      </h2>
      <dl className="intake-facts">
        <dt>{t('submit.receivedAt')}</dt>
        <dd>{formatDateTime(receivedAt)}</dd>
        {refuse ? (
          <>
            <dt>{t('submit.refusalDate')}</dt>
            <dd>{formatDate(today)}</dd>
          </>
        ) : (
          plan.ok && (
            <>
              <dt>{t('submit.registrationDate')}</dt>
              <dd data-testid="intake-registration-date">{formatDate(plan.plan.start.date)}</dd>
              <dt>{t('submit.dueDate')}</dt>
              <dd data-testid="intake-due-date">
                {plan.plan.due.kind === 'date'
                  ? formatDate(plan.plan.due.date)
                  : formatDateTime(plan.plan.due.at)}{' '}
                <span className="intake-hint">({durationText(t, plan.plan.term)})</span>
              </dd>
            </>
          )
        )}
      </dl>
      {intakeWarning && (
        <p className="intake-notice intake-notice-warn" role="status">
          {t(intakeWarning)}
        </p>
      )}
      {!plan.ok && (
        <p className="intake-error" role="alert">
          {t(plan.reason, plan.params)}
        </p>
      )}
      {refuse && (
        <div className="intake-notice intake-notice-stop" role="status">
          <p className="intake-notice-title">{t('submit.refuseRule')}</p>
          <ul>
            {gaps.map(({ doc, state }) => (
              <li key={doc.id}>
                {localized(doc.label, language)} — {t(`case:documentStates.${state}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <SelectField
        name="docLanguage"
        label={t('submit.applicantLanguage')}
        className="intake-narrow"
        hint={refuse ? t('submit.applicantLanguageReceipt') : t('submit.applicantLanguageHint')}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang}>
            {t(`common:frame.languageName.${lang}`)}
          </option>
        ))}
      </SelectField>
      {blocked && (
        <p className="intake-error" role="alert">
          {t(blocked)}
        </p>
      )}
      {errorCount > 0 && (
        <p className="intake-error" role="alert">
          {t('submit.fixErrors', { count: errorCount })}
        </p>
      )}
      {saveError && (
        <p className="intake-error" role="alert">
          {saveError}
        </p>
      )}
      <button
        type="submit"
        className={refuse ? 'intake-primary intake-danger' : 'intake-primary'}
        disabled={submitting || blocked !== null || !plan.ok}
      >
        {submitting ? t('submit.saving') : refuse ? t('submit.refuse') : t('submit.register')}
      </button>
      <p className="intake-hint">{refuse ? t('submit.refuseNext') : t('submit.registerNext')}</p>
    </section>
  );
}
