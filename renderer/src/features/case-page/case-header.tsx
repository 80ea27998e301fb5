import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../../shared/case';
import { formatDate, formatDateTime } from '../../../../shared/time';
import { applicantName } from './forms/result-issued-form';

/** '+77011234567' → '+7 701 123 45 67'. */
export function phoneText(e164: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+7 ${m[1]} ${m[2]} ${m[3]} ${m[4]}` : e164;
}

export interface CaseHeaderProps {
  state: CaseState;
  /** The service's name in the interface language, from the case's rule-set. */
  serviceName: string;
  /** The act the case's rule was taken from (i18n ruleSourceText), shown as the rule's source. */
  ruleSource?: string | null;
}

/** Who applied for what, under which number, and where the case stands. */
export function CaseHeader({ state, serviceName, ruleSource }: CaseHeaderProps) {
  const { t } = useTranslation('casePage');
  const a = state.applicant;
  const number = state.registrationNumber ?? state.acceptanceRefusal?.receiptNumber ?? null;
  const p = state.representative?.powerOfAttorney;
  return (
    <header className="card cp-header">
      <div className="cp-title">
        <h1>
          {state.acceptanceRefusal
            ? t('header.refusalTitle', { number: number ?? '—' })
            : t('header.title', { number: number ?? '—' })}
        </h1>
        <span className={`cp-stage cp-stage-${state.stage}`}>
          {t(`case:stages.${state.stage}`)}
        </span>
        {state.suspended && (
          <span className="cp-stage cp-stage-suspended">{t('header.suspended')}</span>
        )}
      </div>
      <p className="cp-service">{serviceName}</p>
      {ruleSource && (
        <p className="cp-rule-source" title={t('catalog:ruleSource.hint')}>
          <span className="cp-muted">{t('catalog:ruleSource.label')}:</span> {ruleSource}
        </p>
      )}
      <dl className="cp-header-facts">
        {a && (
          <>
            <div>
              <dt>{t('header.applicant')}</dt>
              <dd>{applicantName(a)}</dd>
            </div>
            <div>
              <dt>{t('header.iin')}</dt>
              <dd className="cp-mono">{a.iin}</dd>
            </div>
            <div>
              <dt>{t('header.birthDate')}</dt>
              <dd>{formatDate(a.birthDate)}</dd>
            </div>
            {a.phone && (
              <div>
                <dt>{t('header.phone')}</dt>
                <dd>{phoneText(a.phone)}</dd>
              </div>
            )}
            <div className="cp-wide">
              <dt>{t('header.address')}</dt>
              <dd>{a.address}</dd>
            </div>
          </>
        )}
        {state.representative && (
          <div className="cp-wide">
            <dt>{t('header.representative')}</dt>
            <dd>
              {state.representative.name}
              {p &&
                ` — ${t('header.powerOfAttorney', { number: p.number, date: formatDate(p.date), issuer: p.issuer })}`}
            </dd>
          </div>
        )}
        {state.receivedAt && (
          <div>
            <dt>{t('header.receivedAt')}</dt>
            <dd>{formatDateTime(state.receivedAt)}</dd>
          </div>
        )}
        {state.registrationDate && (
          <div>
            <dt>{t('header.registrationDate')}</dt>
            <dd>{formatDate(state.registrationDate)}</dd>
          </div>
        )}
        {state.route && (
          <div>
            <dt>{t('header.route')}</dt>
            <dd>{t(`case:routes.${state.route}`)}</dd>
          </div>
        )}
        {state.channel && (
          <div>
            <dt>{t('header.channel')}</dt>
            <dd>{t(`case:channels.${state.channel}`)}</dd>
          </div>
        )}
        {state.notificationChannel && state.route === 'akimToDistrict' && (
          <div>
            <dt>{t('header.notification')}</dt>
            <dd>{t(`case:notificationChannels.${state.notificationChannel}`)}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}
