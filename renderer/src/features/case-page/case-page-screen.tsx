import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { allowedEvents, type CaseConflict, type CaseState } from '../../../../shared/case';
import { findService, localized, ruleSetById, ruleSourceWords } from '../../../../shared/catalog';
import { ruleSourceText } from '../../i18n';
import { replanProposal } from '../../../../shared/intake';
import { caseSchedule, caseService } from '../../../../shared/schedule';
import { formatDateTime, type LocalDateTime } from '../../../../shared/time';
import { CaseRejections } from '../sync';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { useActingAs } from '../session';
import { loadCasePage, useLive } from '../../db';
import { ResolutionForm } from '../akim';
import { ApplicationCard } from './application-card';
import { CaseActions } from './case-actions';
import { CaseDeadlinesCard } from './case-deadlines-card';
import { CaseHeader } from './case-header';
import { CaseTimeline } from './case-timeline';
import { CERTIFICATE_SERVICE, CertificatePanel } from './certificate-panel';
import { ConflictAcknowledgedForm } from './forms/term-forms';
import { HearingCard } from './hearing-card';
import { PrintLinks } from './print-links';
import { ResultSignPanel } from './result-sign-panel';
import './case-page.css';

/** The office's wall clock, re-read every `intervalMs` so minute terms count down live. */
function useOfficeNow(intervalMs: number): LocalDateTime {
  const { clock } = useDesk();
  const [now, setNow] = useState(() => clock.nowLocal());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(clock.nowLocal()), intervalMs);
    return () => window.clearInterval(timer);
  }, [clock, intervalMs]);
  return now;
}

/** The case page: who applied for what, what happened when, what is due, and what you may do now. */
export function CasePageScreen() {
  const { caseId = '' } = useParams();
  // A new case starts with closed forms: nothing typed for one case carries over to another.
  return <CasePage key={caseId} caseId={caseId} />;
}

function CasePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation('casePage');
  const { db, calendar } = useDesk();
  const lang = useAppSelector((s) => s.preferences.language);
  const user = useAppSelector((s) => s.session.user);
  const actor = useActingAs();
  const data = useLive(() => loadCasePage(db, caseId), [db, caseId]);
  const certificate = data?.state.serviceId === CERTIFICATE_SERVICE;
  const now = useOfficeNow(certificate ? 10_000 : 60_000);
  // The schedule is a function of the log and the calendar only; the card judges it at `now`.
  const schedule = useMemo(
    () => (data ? caseSchedule(data.state, calendar) : null),
    [data, calendar],
  );

  if (data === undefined || schedule === null) {
    return (
      <section className="screen cp-screen">
        <p>{t('loading')}</p>
      </section>
    );
  }
  const { state, actors } = data;
  if (state.caseId === null) {
    return (
      <section className="screen cp-screen">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.text')}</p>
        <Link to="/">{t('notFound.back')}</Link>
      </section>
    );
  }

  const service = caseService(state);
  const found = state.serviceId ? findService(state.serviceId) : null;
  const serviceName = service
    ? localized(service.name, lang)
    : found?.ok
      ? localized(found.service.name, lang)
      : (state.serviceId ?? '');
  const ruleSet = state.ruleSetId ? ruleSetById(state.ruleSetId) : null;
  // With the calendar, so what the catalog rules out (a suspension without grounds) is not offered.
  const allowed = actor ? allowedEvents(state, actor, { calendar }) : [];
  const openConflicts = state.conflicts.filter((c) => c.acknowledgedBy === null);

  return (
    <section className="screen cp-screen">
      <CaseHeader
        state={state}
        serviceName={serviceName}
        ruleSource={ruleSet ? ruleSourceText(ruleSourceWords(ruleSet, lang), t) : null}
      />
      <CaseRejections caseId={caseId} />
      {data.heldEvents > 0 && (
        <section className="card cp-conflicts" role="alert">
          <h2>{t('update.heading')}</h2>
          <p>{t('update.explain', { count: data.heldEvents })}</p>
        </section>
      )}
      {openConflicts.length > 0 && (
        <ConflictsBanner
          caseId={caseId}
          state={state}
          conflicts={openConflicts}
          canAcknowledge={allowed.includes('ConflictAcknowledged')}
        />
      )}
      <div className="cp-layout">
        <div className="cp-main">
          {certificate && <CertificatePanel caseId={caseId} state={state} actors={actors} />}
          <ResultSignPanel caseId={caseId} state={state} actors={actors} />
          <CaseActions
            caseId={caseId}
            state={state}
            allowed={allowed}
            extension={schedule.extension}
            replan={replanProposal(state, calendar)}
            renderResolution={(close) => (
              <ResolutionForm caseId={caseId} onImposed={close} onCancel={close} />
            )}
            canAct={user !== null}
          />
          <ApplicationCard
            caseId={caseId}
            state={state}
            actors={actors}
            lang={lang}
            canCorrect={user !== null && allowed.includes('ApplicationCorrected')}
          />
          <CaseTimeline
            state={state}
            actors={actors}
            lang={lang}
            hubReceivedAtMs={data.hubReceivedAtMs}
          />
        </div>
        <aside className="cp-side">
          <CaseDeadlinesCard
            state={state}
            schedule={schedule}
            now={now}
            calendar={calendar}
            lang={lang}
          />
          {state.hearing && (
            <HearingCard
              hearing={state.hearing}
              decision={state.decision}
              calendar={calendar}
              service={service}
              lang={lang}
            />
          )}
          <PrintLinks caseId={caseId} state={state} />
        </aside>
      </div>
    </section>
  );
}

function ConflictsBanner({
  caseId,
  state,
  conflicts,
  canAcknowledge,
}: {
  caseId: string;
  state: CaseState;
  conflicts: CaseConflict[];
  canAcknowledge: boolean;
}) {
  const { t } = useTranslation('casePage');
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="card cp-conflicts" role="alert" aria-label={t('conflict.heading')}>
      <h2>{t('conflict.heading')}</h2>
      <p>{t('conflict.explain')}</p>
      <ul>
        {conflicts.map((c) => (
          <li key={`${c.event.id}-${c.reason}`}>
            <strong>{t(`case:events.${c.event.type}`)}</strong>, {formatDateTime(c.event.legalTime)}{' '}
            — {t(c.reason)}
            {canAcknowledge && open !== c.event.id && (
              <button type="button" className="cp-link" onClick={() => setOpen(c.event.id)}>
                {t('conflict.review')}
              </button>
            )}
            {open === c.event.id && (
              <ConflictAcknowledgedForm
                caseId={caseId}
                state={state}
                conflict={c}
                onDone={() => setOpen(null)}
                onCancel={() => setOpen(null)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
