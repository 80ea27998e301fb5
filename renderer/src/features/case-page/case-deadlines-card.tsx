import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../../shared/case';
import { isOurWording, localized } from '../../../../shared/catalog';
import type { Due, TermState } from '../../../../shared/deadlines';
import type { Language } from '../../../../shared/ipc';
import {
  datePart,
  formatDate,
  formatDateTime,
  timePart,
  type Duration,
  type LocalDateTime,
} from '../../../../shared/time';
import type { CaseDeadlines, StepView } from './case-deadlines';

export function dueText(due: Due, now: LocalDateTime, t: TFunction): string {
  if (due.kind === 'date') return formatDate(due.date);
  return datePart(due.at) === datePart(now)
    ? t('term.untilTime', { time: timePart(due.at) })
    : formatDateTime(due.at);
}

/** "N working days left", "overdue by N minutes"… */
export function leftText(state: TermState, t: TFunction): string {
  if (state.minutesLeft !== null && Math.abs(state.minutesLeft) < 24 * 60) {
    return state.minutesLeft >= 0
      ? t('term.minutesLeft', { count: state.minutesLeft })
      : t('term.minutesOverdue', { count: -state.minutesLeft });
  }
  switch (state.status) {
    case 'overdue':
      return state.workingDaysLeft < 0
        ? t('term.daysOverdue', { count: -state.workingDaysLeft })
        : t('term.overdue');
    case 'dueToday':
      return t('term.dueToday');
    case 'atRisk':
    case 'onTime':
      return t('term.daysLeft', { count: state.workingDaysLeft });
  }
}

/** Catalog wording quotes the act mid-sentence ("ответственный исполнитель …"); a line starts with a capital. */
export function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function durationText(d: Duration, t: TFunction): string {
  return t(`duration.${d.unit}`, { count: d.amount });
}

/** A due point with its status colour and what is left. */
export function TermLine({
  due,
  state,
  now,
}: {
  due: Due;
  state: TermState | null;
  now: LocalDateTime;
}) {
  const { t } = useTranslation('casePage');
  return (
    <span className={`cp-term cp-term-${state?.status ?? 'none'}`}>
      <span className="cp-term-date">{dueText(due, now, t)}</span>
      {state && (
        <>
          <span className="cp-term-status">{t(`calendar:deadlines.status.${state.status}`)}</span>
          <span className="cp-term-left">{leftText(state, t)}</span>
        </>
      )}
    </span>
  );
}

function StepRow({ view, lang, now }: { view: StepView; lang: Language; now: LocalDateTime }) {
  const { t } = useTranslation('casePage');
  const { step, timed } = view;
  let status: string;
  if (view.completedAt) {
    status = t(timed?.status === 'overdue' ? 'steps.doneLate' : 'steps.done', {
      at: formatDateTime(view.completedAt),
    });
  } else if (view.skipped) status = t('steps.skipped');
  else if (view.conditionHolds === false) status = t('steps.notApplicable');
  else status = '';
  return (
    <li
      className={`cp-step ${view.current ? 'cp-step-current' : ''} ${view.completedAt ? 'cp-step-done' : ''}`}
    >
      <div className="cp-step-head">
        <span className="cp-step-actor">{t(`catalog:actors.${step.actor}`)}</span>
        {step.duration && (
          <span className="cp-step-duration">{durationText(step.duration, t)}</span>
        )}
        {view.current && <span className="cp-badge cp-badge-current">{t('steps.current')}</span>}
      </div>
      <div className="cp-step-action">
        {sentence(localized(step.action, lang))}
        {isOurWording(step.action, lang) && (
          <span className="cp-our-wording" title={t('catalog:ourWording')}>
            {' '}
            *
          </span>
        )}
      </div>
      {step.condition && view.conditionHolds === null && (
        <div className="cp-muted">
          {t('steps.condition', { text: localized(step.condition.text, lang) })}
        </div>
      )}
      {status && <div className="cp-step-status">{status}</div>}
      {!view.completedAt &&
        !view.skipped &&
        timed &&
        (view.current || timed.status === 'overdue') && (
          <div>
            {t('steps.due')} <TermLine due={timed.due} state={timed} now={now} />
          </div>
        )}
    </li>
  );
}

function dueKey(due: Due): string {
  return due.kind === 'date' ? due.date : due.at;
}

/** The current step is not repeated when its due point is one the card already shows. */
function sameDue(
  due: Due,
  whole: CaseDeadlines['whole'],
  sending: CaseDeadlines['commissionSending'],
): boolean {
  if (whole && !whole.completed && dueKey(whole.due) === dueKey(due)) return true;
  return sending !== null && sending.sentAt === null && sending.due === dueKey(due);
}

export interface CaseDeadlinesCardProps {
  state: CaseState;
  deadlines: CaseDeadlines;
  now: LocalDateTime;
  lang: Language;
}

/** The term of the whole service, the current step's term and the procedural terms that apply. */
export function CaseDeadlinesCard({ state, deadlines, now, lang }: CaseDeadlinesCardProps) {
  const { t } = useTranslation('casePage');
  const { whole, current, commissionSending } = deadlines;
  return (
    <article className="card cp-card cp-deadlines">
      <h2>{t('deadlines.heading')}</h2>
      {whole === null ? (
        <p className="cp-muted">{t('deadlines.none')}</p>
      ) : (
        <div className="cp-deadline">
          <div className="cp-deadline-label">
            {whole.minutes !== null
              ? t('deadlines.certificate', { minutes: whole.minutes })
              : t('deadlines.whole')}
          </div>
          {whole.completed ? (
            <p className={whole.completed.result === 'late' ? 'cp-late' : 'cp-ok'}>
              {t(
                whole.completed.result === 'late'
                  ? 'deadlines.issuedLate'
                  : 'deadlines.issuedOnTime',
                {
                  at: formatDateTime(whole.completed.at),
                  due: dueText(whole.due, whole.completed.at, t),
                },
              )}
            </p>
          ) : state.stage === 'withdrawn' ? (
            <p>{t('deadlines.withdrawn')}</p>
          ) : (
            <TermLine due={whole.due} state={whole.state} now={now} />
          )}
          {whole.suspendedSince && (
            <p className="cp-note">
              {t('deadlines.suspended', { at: formatDateTime(whole.suspendedSince) })}
            </p>
          )}
          {whole.suspendedDays > 0 && (
            <p className="cp-muted">
              {t('deadlines.pushed', {
                count: whole.suspendedDays,
                date: formatDate(whole.baseDueDate),
              })}
            </p>
          )}
          {state.extension && (
            <p className="cp-muted">
              {t('deadlines.extended', {
                reason: t(`case:extensionReasons.${state.extension.reason}`),
              })}
            </p>
          )}
        </div>
      )}

      {commissionSending && (
        <div className="cp-deadline">
          <div className="cp-deadline-label">{t('deadlines.commissionSending')}</div>
          {commissionSending.sentAt ? (
            <p className={commissionSending.late ? 'cp-late' : 'cp-ok'}>
              {t(commissionSending.late ? 'deadlines.sentLate' : 'deadlines.sentOnTime', {
                at: formatDateTime(commissionSending.sentAt),
                due: formatDate(commissionSending.due),
              })}
            </p>
          ) : (
            <TermLine
              due={{ kind: 'date', date: commissionSending.due }}
              state={commissionSending.state}
              now={now}
            />
          )}
        </div>
      )}

      {current && current.timed && !sameDue(current.timed.due, whole, commissionSending) && (
        <div className="cp-deadline">
          <div className="cp-deadline-label">
            {t('deadlines.currentStep', { actor: t(`catalog:actors.${current.step.actor}`) })}
          </div>
          <p className="cp-step-action">{sentence(localized(current.step.action, lang))}</p>
          <TermLine due={current.timed.due} state={current.timed} now={now} />
        </div>
      )}

      {deadlines.steps.length > 0 && (
        <details className="cp-steps">
          <summary>{t('steps.heading', { count: deadlines.steps.length })}</summary>
          <ol>
            {deadlines.steps.map((view) => (
              <StepRow key={view.step.id} view={view} lang={lang} now={now} />
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
