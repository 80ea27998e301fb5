import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { timeLeftText } from '../../i18n';
import type { CaseState } from '../../../../shared/case';
import type { WorkingCalendar } from '../../../../shared/calendar';
import { isOurWording, localized } from '../../../../shared/catalog';
import type { Due } from '../../../../shared/deadlines';
import type { Language } from '../../../../shared/ipc';
import {
  termStateOf,
  type CaseSchedule,
  type CaseTermState,
  type ScheduledStep,
} from '../../../../shared/schedule';
import {
  datePart,
  formatDate,
  formatDateTime,
  timePart,
  type Duration,
  type LocalDateTime,
} from '../../../../shared/time';

export function dueText(due: Due, now: LocalDateTime, t: TFunction): string {
  if (due.kind === 'date') return formatDate(due.date);
  return datePart(due.at) === datePart(now)
    ? t('term.untilTime', { time: timePart(due.at) })
    : formatDateTime(due.at);
}

/** Catalog wording quotes the act mid-sentence ("ответственный исполнитель …"); a line starts with a capital. */
export function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function durationText(d: Duration, t: TFunction): string {
  return t(`duration.${d.unit}`, { count: d.amount });
}

/** A due point with its status colour and what is left (termStateOf, as everywhere else). */
export function TermLine({
  due,
  state,
  now,
}: {
  due: Due;
  state: CaseTermState;
  now: LocalDateTime;
}) {
  const { t } = useTranslation('casePage');
  const status = state.kind === 'term' ? state.status : state.kind;
  return (
    <span className={`cp-term cp-term-${status}`}>
      <span className="cp-term-date">{dueText(due, now, t)}</span>
      {state.kind === 'term' && (
        <>
          <span className="cp-term-status">{t(`calendar:deadlines.status.${state.status}`)}</span>
          <span className="cp-term-left">{timeLeftText(state, t, { statusShown: true })}</span>
        </>
      )}
      {state.kind === 'suspended' && (
        <span className="cp-term-status">{t('deadlines.standsStill')}</span>
      )}
    </span>
  );
}

const running = (due: Due) => ({ phase: 'running' as const, due });

/** The actor of a step, said as whose step it is: the district's steps are never the akimat's. */
function ownerText(step: ScheduledStep, t: TFunction): string {
  const actor = t(`catalog:actors.${step.step.actor}`);
  if (step.owner !== 'district') return actor;
  // "The district's step: the district department" says one thing twice.
  return step.step.actor === 'district'
    ? t('steps.districtStepOnly')
    : t('steps.districtStep', { actor });
}

function StepRow({
  view,
  lang,
  now,
  calendar,
}: {
  view: ScheduledStep;
  lang: Language;
  now: LocalDateTime;
  calendar: WorkingCalendar;
}) {
  const { t } = useTranslation('casePage');
  const { step } = view;
  let status: string;
  if (view.completedAt) {
    status = t(view.late ? 'steps.doneLate' : 'steps.done', {
      at: formatDateTime(view.completedAt),
    });
  } else if (view.skipped) status = t('steps.skipped');
  else if (view.conditionHolds === false) status = t('steps.notApplicable');
  else status = '';
  const state = view.due ? termStateOf(running(view.due), now, calendar) : null;
  const overdue = state?.kind === 'term' && state.status === 'overdue';
  return (
    <li
      className={`cp-step ${view.current ? 'cp-step-current' : ''} ${view.completedAt ? 'cp-step-done' : ''} cp-step-${view.owner}`}
    >
      <div className="cp-step-head">
        <span className="cp-step-actor">{ownerText(view, t)}</span>
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
      {!view.completedAt && !view.skipped && view.due && state && (view.current || overdue) && (
        <div>
          {t('steps.due')} <TermLine due={view.due} state={state} now={now} />
        </div>
      )}
    </li>
  );
}

function dueKey(due: Due): string {
  return due.kind === 'date' ? due.date : due.at;
}

export interface CaseDeadlinesCardProps {
  state: CaseState;
  schedule: CaseSchedule;
  now: LocalDateTime;
  calendar: WorkingCalendar;
  lang: Language;
}

/** The term of the whole service, the current step's term and the notice terms that apply. */
export function CaseDeadlinesCard({
  state,
  schedule,
  now,
  calendar,
  lang,
}: CaseDeadlinesCardProps) {
  const { t } = useTranslation('casePage');
  const { due, current } = schedule;
  const whole = termStateOf(schedule, now, calendar);
  const notices = schedule.notices.filter(
    (n) => n.doneAt !== null || schedule.phase === 'suspended',
  );
  return (
    <article className="card cp-card cp-deadlines">
      <h2>{t('deadlines.heading')}</h2>
      {due === null ? (
        <p className="cp-muted">{t('deadlines.none')}</p>
      ) : (
        <div className="cp-deadline">
          <div className="cp-deadline-label">
            {schedule.minutes !== null
              ? t('deadlines.certificate', { minutes: schedule.minutes })
              : t('deadlines.whole')}
          </div>
          {schedule.completed ? (
            <p className={schedule.completed.result === 'late' ? 'cp-late' : 'cp-ok'}>
              {t(
                schedule.completed.result === 'late'
                  ? 'deadlines.issuedLate'
                  : 'deadlines.issuedOnTime',
                {
                  at: formatDateTime(schedule.completed.at),
                  due: dueText(due, schedule.completed.at, t),
                },
              )}
            </p>
          ) : state.stage === 'withdrawn' ? (
            <p>{t('deadlines.withdrawn')}</p>
          ) : (
            <TermLine due={due} state={whole} now={now} />
          )}
          {schedule.provisionalDays.length > 0 && (
            <p className="cp-note cp-provisional">
              {t('deadlines.provisional', {
                dates: schedule.provisionalDays.map(formatDate).join(', '),
              })}
            </p>
          )}
          {schedule.suspendedSince && (
            <p className="cp-note">
              {t('deadlines.suspended', { at: formatDateTime(schedule.suspendedSince) })}
            </p>
          )}
          {schedule.suspendedDays > 0 && schedule.baseDueDate && (
            <p className="cp-muted">
              {t('deadlines.pushed', {
                count: schedule.suspendedDays,
                date: formatDate(schedule.baseDueDate),
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
          {state.replan && (
            <p className="cp-muted">
              {t('deadlines.replanned', {
                date: formatDate(state.replan.newDueDate),
                version: state.replan.calendarVersion,
              })}
            </p>
          )}
        </div>
      )}

      {current?.due && !(due && dueKey(current.due) === dueKey(due)) && (
        <div className={`cp-deadline cp-deadline-${current.owner}`}>
          <div className="cp-deadline-label">
            {t('deadlines.currentStep', { actor: ownerText(current, t) })}
          </div>
          <p className="cp-step-action">{sentence(localized(current.step.action, lang))}</p>
          <TermLine
            due={current.due}
            state={termStateOf(running(current.due), now, calendar)}
            now={now}
          />
        </div>
      )}

      {notices.map((notice) => (
        <div className="cp-deadline" key={notice.term.id}>
          <div className="cp-deadline-label">{sentence(localized(notice.term.text, lang))}</div>
          {notice.doneAt ? (
            <p className={notice.late ? 'cp-late' : 'cp-ok'}>
              {t(notice.late ? 'deadlines.noticeLate' : 'deadlines.noticeOnTime', {
                at: formatDateTime(notice.doneAt),
                due: dueText(notice.due, notice.doneAt, t),
              })}
            </p>
          ) : (
            <TermLine
              due={notice.due}
              state={termStateOf(running(notice.due), now, calendar)}
              now={now}
            />
          )}
        </div>
      ))}

      {schedule.steps.length > 0 && (
        <details className="cp-steps">
          <summary>{t('steps.heading', { count: schedule.steps.length })}</summary>
          <ol>
            {schedule.steps.map((view) => (
              <StepRow key={view.step.id} view={view} lang={lang} now={now} calendar={calendar} />
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
