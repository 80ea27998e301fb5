import { useTranslation } from 'react-i18next';
import './sync.css';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { casePath } from '../../app/paths';
import { localDateTimeAt } from '../../platform';
import { useScansWaiting, useSyncEngineState, useSyncStatus } from './use-sync';
import { ageOf, progressBar, STALE_AFTER_MS } from './sync-view';

/** "14.03.2026 10:05" for a moment, or null. */
function when(ms: number | null): string | null {
  return ms === null ? null : formatDateTime(localDateTimeAt(ms));
}

/**
 * The frame's sync area: how long ago the desk last synced, how many events wait and for how long,
 * refused events (each leads to its case), and a progress bar with counts while a sync runs.
 * Before the desk has joined a hub it says so and leads to the system page, where joining is.
 */
export function SyncStatusArea() {
  const { t } = useTranslation('sync');
  const { sync } = useDesk();
  const engine = useSyncEngineState();
  const status = useSyncStatus();
  const scans = useScansWaiting();
  if (status === undefined) return null;
  if (status.hub === null) {
    return (
      <Link className="sync-area sync-area-unjoined" to="/system">
        {t('ui.notJoined')}
      </Link>
    );
  }
  const progress = engine.progress;
  const bar = progress ? progressBar(progress) : null;
  const age = status.oldestWaitingAgeMs === null ? null : ageOf(status.oldestWaitingAgeMs);
  const stale = status.oldestWaitingAgeMs !== null && status.oldestWaitingAgeMs > STALE_AFTER_MS;
  const last = when(status.lastSuccessMs);
  const summary = engine.running
    ? t('ui.running')
    : status.waiting > 0
      ? t('ui.summaryWaiting', { count: status.waiting })
      : last
        ? t('ui.summarySynced', { at: last.slice(11) })
        : t('ui.neverSynced');
  return (
    <details
      className={`sync-area${stale || status.rejected.length > 0 ? ' sync-area-alert' : ''}`}
    >
      <summary aria-label={t('ui.heading')}>
        <span>{summary}</span>
        {status.rejected.length > 0 && (
          <span className="sync-rejected-count">
            {t('ui.rejectedCount', { count: status.rejected.length })}
          </span>
        )}
      </summary>
      <div className="sync-panel" role="region" aria-label={t('ui.heading')}>
        <h2>{t('ui.heading')}</h2>
        {progress && (
          <div className="sync-progress" role="status" aria-live="polite">
            {bar ? <progress value={bar.value} max={bar.max} /> : <progress />}
            <span>
              {t(`ui.phase.${progress.phase}`)} ·{' '}
              {t('ui.progressCounts', {
                pushed: progress.pushed.done,
                total: progress.pushed.total,
                pulled: progress.pulled,
              })}
              {progress.scans
                ? ` · ${t('ui.progressScans', { done: progress.scans.done, total: progress.scans.total })}`
                : ''}
            </span>
          </div>
        )}
        <dl>
          <dt>{t('ui.lastSuccess')}</dt>
          <dd>{last ?? t('ui.neverSynced')}</dd>
          <dt>{t('ui.waiting')}</dt>
          <dd>{status.waiting}</dd>
          <dt>{t('ui.oldestWaiting')}</dt>
          <dd className={stale ? 'sync-stale' : undefined}>
            {age ? t(`ui.age.${age.unit}`, { count: age.count }) : '—'}
          </dd>
          <dt>{t('ui.scansWaiting')}</dt>
          <dd>{scans ?? '—'}</dd>
        </dl>
        {engine.last?.clockSkewed && <p className="sync-warning">{t('clock.skewed')}</p>}
        {engine.last?.ok && engine.last.reference?.calendarVersion && (
          <p role="status">
            {t('ui.calendarArrived', { version: engine.last.reference.calendarVersion })}
          </p>
        )}
        {engine.last?.ok && engine.last.reference?.tsaRows !== undefined && (
          <p role="status">{t('ui.tsaArrived', { count: engine.last.reference.tsaRows })}</p>
        )}
        {engine.last?.ok && engine.last.reference?.refused && (
          <p className="sync-warning">
            {t('ui.referenceRefused')} {t(engine.last.reference.refused)}
          </p>
        )}
        {status.lastFailure && (
          <p className="sync-warning" role="alert">
            {t('ui.lastFailure', { at: when(status.lastFailure.atMs) })}{' '}
            {t(status.lastFailure.reason, { ns: 'sync' })}
          </p>
        )}
        {status.rejected.length > 0 && (
          <section>
            <h3>{t('ui.rejectedHeading')}</h3>
            <ul className="sync-rejected">
              {status.rejected.map((item) => (
                <li key={item.eventId}>
                  {item.caseId ? (
                    <Link to={casePath(item.caseId)}>
                      {item.caseNumber ?? t('ui.openCase')}
                      {item.eventType ? ` · ${t(`case:events.${item.eventType}`)}` : ''}
                    </Link>
                  ) : (
                    <span>{t(`ui.stream.${item.stream}`)}</span>
                  )}{' '}
                  — {t(item.reason)}
                </li>
              ))}
            </ul>
          </section>
        )}
        <button
          type="button"
          className="sync-button"
          disabled={engine.running}
          onClick={() => void sync.syncNow()}
        >
          {t('ui.syncNow')}
        </button>
      </div>
    </details>
  );
}
