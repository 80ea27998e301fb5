import { useTranslation } from 'react-i18next';
import { get, useFormContext, useFormState } from 'react-hook-form';
import { validateKzMobile, type IinTypingHint } from '../../../../shared/identity';
import { formatDate } from '../../../../shared/time';
import type { PersonHistory } from '../../db';
import { CheckboxField, NameField, ReadOnlyField, TextField } from './fields';
import type { IntakeFormValues } from './intake-model';

interface ApplicantSectionProps {
  iinHint: IinTypingHint;
  /** The person with this IIN as earlier cases know them; undefined when unknown. */
  known: PersonHistory | undefined;
  /** True when a typed value differs from the known person's. */
  knownDiffers: boolean;
  onFillFromKnown: () => void;
}

/** The applicant: IIN first, then what the IIN and earlier cases tell, then the rest. */
export function ApplicantSection({
  iinHint,
  known,
  knownDiffers,
  onFillFromKnown,
}: ApplicantSectionProps) {
  const { t } = useTranslation('intake');
  const { setValue } = useFormContext<IntakeFormValues>();
  // The field's own error (after leaving it) says the same as the live hint: show it once.
  const { errors } = useFormState<IntakeFormValues>({ name: 'applicant.iin' });
  const iinError = get(errors, 'applicant.iin') !== undefined;
  const complete = iinHint.kind === 'complete' ? iinHint.result : null;
  const latest = known?.cases[0];

  const iinStatus =
    iinHint.kind === 'problem' ? (
      !iinError && <span className="intake-live-problem">{t(iinHint.reason)}</span>
    ) : iinHint.kind === 'incomplete' ? (
      t('applicant.iinDigits', { count: iinHint.digits })
    ) : complete ? (
      <span className="intake-live-ok">{t('applicant.iinValid')}</span>
    ) : null;

  return (
    <section className="card intake-card" aria-labelledby="intake-applicant-heading">
      <h2 id="intake-applicant-heading">{t('applicant.heading')}</h2>
      <div className="intake-grid">
        <TextField
          name="applicant.iin"
          label={t('applicant.iin')}
          inputMode="numeric"
          hint={iinStatus}
        />
        <ReadOnlyField
          label={t('applicant.birthDate')}
          value={complete ? formatDate(complete.birthDate) : ''}
        />
        <ReadOnlyField
          label={t('applicant.sex')}
          value={complete ? t(`applicant.sexValue.${complete.sex}`) : ''}
        />
      </div>
      {known && (
        <div className="intake-notice" role="status">
          <p className="intake-notice-title">
            {t('applicant.known', { count: known.cases.length })}
          </p>
          {latest && (
            <p>
              {t('applicant.knownLatest', {
                number: latest.number || t('applicant.noNumber'),
                date: latest.date ? formatDate(latest.date) : '',
                stage: t(`case:stages.${latest.stage}`),
              })}
            </p>
          )}
          {knownDiffers && (
            <button type="button" className="intake-secondary" onClick={onFillFromKnown}>
              {t('applicant.fillFromKnown')}
            </button>
          )}
        </div>
      )}
      <div className="intake-grid">
        <NameField name="applicant.lastName" label={t('applicant.lastName')} />
        <NameField name="applicant.firstName" label={t('applicant.firstName')} />
        <NameField name="applicant.patronymic" label={t('applicant.patronymic')} />
      </div>
      <TextField name="applicant.address" label={t('applicant.address')} className="intake-wide" />
      <div className="intake-grid">
        <TextField
          name="applicant.phone"
          label={t('applicant.phone')}
          inputMode="tel"
          placeholder="+7 701 123 45 67"
          onBlurred={(value) => {
            const phone = validateKzMobile(value);
            if (phone.ok && phone.display !== value) setValue('applicant.phone', phone.display);
          }}
        />
        <CheckboxField
          name="applicant.inMobileCitizensDb"
          label={t('applicant.inMobileCitizensDb')}
          description={t('applicant.inMobileCitizensDbHint')}
          className="intake-check-inline"
        />
      </div>
    </section>
  );
}
