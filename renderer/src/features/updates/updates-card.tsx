import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/desk-context';
import { useUpdates } from './use-updates';

/** The system page's word on updates: where they come from, and what the last check said. */
export function UpdatesCard() {
  const { t } = useTranslation('updates');
  const { appInfo } = useDesk();
  const { state } = useUpdates();
  const status = state.status;
  const line =
    appInfo.shell === 'browser' || status?.kind === 'unsupported'
      ? t('card.browser')
      : status === null
        ? t('card.notChecked')
        : status.kind === 'upToDate'
          ? t('card.upToDate')
          : status.kind === 'available'
            ? t('card.available', { version: status.version })
            : status.kind === 'ready'
              ? t('card.ready', { version: status.version })
              : t('card.notChecked');
  return (
    <article className="card">
      <h2>{t('card.heading')}</h2>
      <dl>
        <dt>{t('card.version')}</dt>
        <dd>{appInfo.version}</dd>
      </dl>
      <p className="system-hint">{line}</p>
      <p className="system-hint">{t('card.source')}</p>
    </article>
  );
}
