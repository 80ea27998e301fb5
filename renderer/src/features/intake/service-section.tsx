import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  isOurWording,
  localized,
  ruleSourceWords,
  type WhereToApplyResult,
} from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import type { OfficeKind } from '../../../../shared/office';
import type { Duration } from '../../../../shared/time';
import { ruleSourceText } from '../../i18n';
import { SelectField } from './fields';
import type { ServiceChoice, ServiceChoices } from './service-choices';

export function durationText(t: TFunction, d: Duration): string {
  return t(`intake:durations.${d.unit}`, { count: d.amount });
}

interface ServiceSectionProps {
  /** The desk's office: the groups and notices name where the application is registered. */
  officeKind: OfficeKind;
  choices: ServiceChoices;
  language: Language;
  selected: ServiceChoice | null;
  /** Where to apply instead, when the selected service cannot be registered here. */
  elsewhere: WhereToApplyResult | null;
  /** The selected service is not accepted at this hour (its intake window, 002:12). */
  intakeClosed: boolean;
}

/** The service, chosen from the catalog in force; a service the desk cannot register says where to go. */
export function ServiceSection({
  officeKind,
  choices,
  language,
  selected,
  elsewhere,
  intakeClosed,
}: ServiceSectionProps) {
  const { t } = useTranslation('intake');
  const name = (c: ServiceChoice) =>
    `${c.service.number !== null ? `${c.service.number}. ` : ''}${localized(c.service.name, language)}`;
  return (
    <section className="card intake-card" aria-labelledby="intake-service-heading">
      <h2 id="intake-service-heading">{t('service.heading')}</h2>
      <SelectField name="serviceId" label={t('service.label')} className="intake-wide">
        <option value="">{t('service.choose')}</option>
        <optgroup label={t(`service.registrableGroup.${officeKind}`)}>
          {choices.registrable.map((c) => (
            <option key={c.service.id} value={c.service.id}>
              {name(c)}
            </option>
          ))}
        </optgroup>
        {choices.elsewhere.length > 0 && (
          <optgroup label={t('service.elsewhereGroup')}>
            {choices.elsewhere.map((c) => (
              <option key={c.service.id} value={c.service.id}>
                {name(c)}
              </option>
            ))}
          </optgroup>
        )}
      </SelectField>
      {selected && selected.plan.ok && (
        <dl className="intake-facts">
          <dt>{t('service.term')}</dt>
          <dd>{durationText(t, selected.plan.plan.term)}</dd>
          <dt>{t('service.route')}</dt>
          <dd>{t(`case:routes.${selected.plan.plan.caseRoute}`)}</dd>
          <dt>{t('catalog:ruleSource.label')}</dt>
          <dd title={t('catalog:ruleSource.hint')}>
            {ruleSourceText(ruleSourceWords(selected.ruleSet, language), t)}
          </dd>
        </dl>
      )}
      {intakeClosed && (
        <p className="intake-error" role="alert">
          {t('case:rejections.outsideIntakeHours')}
        </p>
      )}
      {selected && !selected.plan.ok && (
        <ElsewhereNotice
          officeKind={officeKind}
          selected={selected}
          elsewhere={elsewhere}
          language={language}
        />
      )}
    </section>
  );
}

function ElsewhereNotice({
  officeKind,
  selected,
  elsewhere,
  language,
}: {
  officeKind: OfficeKind;
  selected: ServiceChoice;
  elsewhere: WhereToApplyResult | null;
  language: Language;
}) {
  const { t } = useTranslation('intake');
  if (selected.plan.ok) return null;
  const channels = elsewhere?.ok ? elsewhere.channels : [];
  // The catalog's "apply instead at" text says where to go instead of the akim: an akimat's words.
  const text = elsewhere?.ok && officeKind === 'akimat' ? elsewhere.text : null;
  return (
    <div className="intake-notice intake-notice-stop" role="status">
      <p className="intake-notice-title">
        {t(selected.plan.reason, selected.plan.params)} {t(`service.cannotRegister.${officeKind}`)}
      </p>
      {text && (
        <p>
          {localized(text, language)}
          {isOurWording(text, language) && <OurWording />}
        </p>
      )}
      {channels.length > 0 && (
        <>
          <p>{t('service.applyAt')}</p>
          <ul>
            {channels.map((c) => (
              <li key={c.route}>
                <strong>{t(`catalog:routes.${c.route}`)}</strong>
                {c.offices.length > 0 &&
                  `: ${c.offices.map((o) => localized(o.name, language)).join('; ')}`}
                {' — '}
                {c.term?.duration
                  ? t('service.termThere', { term: durationText(t, c.term.duration) })
                  : t('service.termThereNotStated')}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Marks a text that is a translation or summary, not the regulation's own words: an asterisk whose
 * tooltip says so, as on the case page (no note of ours is printed on screen, issue 10 §5).
 */
export function OurWording() {
  const { t } = useTranslation('catalog');
  return (
    <span className="intake-our-wording" title={t('ourWording')} aria-label={t('ourWording')}>
      {' '}
      *
    </span>
  );
}
