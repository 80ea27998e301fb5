import { useTranslation } from 'react-i18next';
import { useWatch } from 'react-hook-form';
import { isOurWording, localized, type ServiceDefinition } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import { CheckboxField, DateField, NameField, TextField } from './fields';
import type { IntakeFormValues } from './intake-model';
import { OurWording } from './service-section';

interface RepresentativeSectionProps {
  service: ServiceDefinition | null;
  notarizedRequired: boolean;
  language: Language;
}

/** R-REG-2: someone applying for another person does so under a power of attorney. */
export function RepresentativeSection({
  service,
  notarizedRequired,
  language,
}: RepresentativeSectionProps) {
  const { t } = useTranslation('intake');
  const enabled = useWatch<IntakeFormValues, 'representative.enabled'>({
    name: 'representative.enabled',
  });
  const rule = service?.representation?.text ?? null;
  return (
    <section className="card intake-card" aria-labelledby="intake-representative-heading">
      <h2 id="intake-representative-heading">{t('representative.heading')}</h2>
      <CheckboxField name="representative.enabled" label={t('representative.enabled')} />
      {enabled && (
        <>
          {rule && (
            <p className="intake-hint">
              {t('representative.rule')} {localized(rule, language)}
              {isOurWording(rule, language) && <OurWording />}
            </p>
          )}
          <div className="intake-grid">
            <NameField
              name="representative.name"
              label={t('representative.name')}
              className="intake-span-2"
            />
            <TextField
              name="representative.iin"
              label={t('representative.iin')}
              inputMode="numeric"
            />
          </div>
          <div className="intake-grid">
            <TextField name="representative.poaNumber" label={t('representative.poaNumber')} />
            <DateField name="representative.poaDate" label={t('representative.poaDate')} />
            <TextField name="representative.poaIssuer" label={t('representative.poaIssuer')} />
          </div>
          <CheckboxField
            name="representative.notarized"
            label={t('representative.notarized')}
            description={notarizedRequired ? t('representative.notarizedRequired') : undefined}
          />
        </>
      )}
    </section>
  );
}
