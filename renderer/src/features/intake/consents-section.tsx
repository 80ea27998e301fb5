import { useTranslation } from 'react-i18next';
import { isOurWording, localized, type Consent } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import { CheckboxField } from './fields';
import { OurWording } from './service-section';

interface ConsentsSectionProps {
  /** The consents the service's own regulation cites; their wording is shown under the flag. */
  cited: readonly Consent[];
  language: Language;
}

/**
 * R-REG-7: both consents are recorded before registration (personal data, 000:32; legally protected
 * information, 002:15). A regulation that cites one gives its wording.
 */
export function ConsentsSection({ cited, language }: ConsentsSectionProps) {
  const { t } = useTranslation('intake');
  const wording = (id: Consent['id']) => {
    const consent = cited.find((c) => c.id === id);
    if (!consent) return undefined;
    return (
      <>
        {t('consents.regulationSays')} «{localized(consent.text, language)}»
        {isOurWording(consent.text, language) && <OurWording />}
      </>
    );
  };
  return (
    <section className="card intake-card" aria-labelledby="intake-consents-heading">
      <h2 id="intake-consents-heading">{t('consents.heading')}</h2>
      <p className="intake-hint">{t('consents.rule')}</p>
      <CheckboxField
        name="consents.personalData"
        label={t('catalog:consents.personalData')}
        description={wording('personalData')}
      />
      <CheckboxField
        name="consents.protectedInformation"
        label={t('catalog:consents.protectedSecrets')}
        description={wording('protectedSecrets')}
      />
    </section>
  );
}
