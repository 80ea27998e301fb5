import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  compareEvents,
  correctionSectionsGiven,
  foldCase,
  type CaseEvent,
  type CaseState,
  type DecisionPayload,
} from '../../../../shared/case';
import { localized } from '../../../../shared/catalog';
import type { Due } from '../../../../shared/deadlines';
import type { Language } from '../../../../shared/ipc';
import { caseSchedule, caseService, stepsDoneLateBy } from '../../../../shared/schedule';
import { shortFingerprint } from '../../../../shared/signing';
import { formatDate, formatDateTime } from '../../../../shared/time';
import type { CaseActor } from '../../db';
import { formatNumber } from '../../i18n';
import { useDesk } from '../../app/desk-context';
import { localDateTimeAt } from '../../platform';
import { useSignedEventCheck } from '../documents';
import { missingDocumentText } from './forms/return-form';

interface Fact {
  label: string;
  value: string;
}

export function money(tiyn: number, lang: Language): string {
  return `${formatNumber(tiyn / 100, lang, 2)} ₸`;
}

function dueLabel(due: Due): string {
  return due.kind === 'date' ? formatDate(due.date) : formatDateTime(due.at);
}

function keyText(keyId: string): string {
  return /^[0-9a-f]{64}$/.test(keyId) ? shortFingerprint(keyId) : keyId.slice(0, 16);
}

function decisionFacts(d: DecisionPayload, t: TFunction, lang: Language): Fact[] {
  const facts: Fact[] = [
    { label: t('facts.outcome'), value: t(`case:decisionOutcomes.${d.outcome}`) },
    { label: t('facts.decisionNumber'), value: d.number },
    { label: t('facts.decisionDate'), value: formatDate(d.date) },
  ];
  if (d.outcome === 'grant') {
    if (d.amountTiyn !== undefined)
      facts.push({ label: t('facts.amount'), value: money(d.amountTiyn, lang) });
    if (d.periodFrom || d.periodTo) {
      facts.push({
        label: t('facts.period'),
        value: `${d.periodFrom ? formatDate(d.periodFrom) : '…'} – ${d.periodTo ? formatDate(d.periodTo) : '…'}`,
      });
    }
  } else {
    facts.push({ label: t('facts.justification'), value: d.justification });
  }
  if (d.remarksConsideration) {
    facts.push({ label: t('facts.remarksConsideration'), value: d.remarksConsideration });
  }
  return facts;
}

/** The suspension ground's words in the case's own rule-set. */
function suspensionGroundText(events: readonly CaseEvent[], code: string, lang: Language): string {
  const grounds = caseService(foldCase(events))?.suspensionGrounds;
  const ground = grounds?.kind === 'list' ? grounds.grounds.find((g) => g.id === code) : undefined;
  return ground ? localized(ground.text, lang) : code;
}

/** The key facts of an event, in the words of the page (exported for its test). */
export function eventFacts(
  e: CaseEvent,
  t: TFunction,
  lang: Language,
  actors: Record<string, CaseActor>,
  events: readonly CaseEvent[],
): Fact[] {
  const f = (label: string, value: string | undefined | null): Fact[] =>
    value === undefined || value === null || value.trim() === ''
      ? []
      : [{ label: t(label), value }];
  switch (e.type) {
    case 'Registered': {
      const p = e.payload;
      return [
        ...f('facts.registrationNumber', p.registrationNumber),
        ...f('facts.receivedAt', formatDateTime(p.receivedAt)),
        ...f('facts.registrationDate', formatDate(p.registrationDate)),
        ...f('facts.dueDate', formatDate(p.dueDate)),
        ...f('facts.channel', t(`case:channels.${p.channel}`)),
        ...f('facts.representative', p.representative?.name),
      ];
    }
    case 'AcceptanceRefused': {
      const p = e.payload;
      const gaps = p.documents.filter((d) => d.state === 'missing' || d.state === 'expired').length;
      return [
        ...f('facts.refusalDate', formatDate(p.refusalDate)),
        ...f('facts.receiptNumber', p.receiptNumber),
        ...f('facts.documentGaps', String(gaps)),
      ];
    }
    case 'ProactiveCaseOpened':
      return [
        ...f(
          'facts.occasion',
          `${e.payload.occasion.name} (${formatDate(e.payload.occasion.date)})`,
        ),
      ];
    case 'ResolutionImposed':
      return [
        ...f('facts.resolution', e.payload.text),
        ...f('facts.executor', actors[e.payload.executorUserId]?.name ?? e.payload.executorUserId),
      ];
    case 'SentToCommission':
      return f('facts.note', e.payload.note);
    case 'CommissionActRecorded': {
      const p = e.payload;
      return [
        ...f('facts.actDate', formatDate(p.actDate)),
        ...f('facts.actNumber', p.actNumber),
        ...f(
          'facts.members',
          p.members.map((m) => (m.position ? `${m.name} (${m.position})` : m.name)).join('; '),
        ),
        ...f('facts.findings', p.findings),
        ...f('facts.conclusion', t(`case:commissionConclusions.${p.conclusion}`)),
      ];
    }
    case 'ForwardedToDistrict':
      return f('facts.registerNumber', e.payload.registerNumber);
    case 'ReceivedByDistrict':
      return f('facts.incomingNumber', e.payload.incomingNumber);
    case 'ReturnedForCompletion': {
      // R-ROUTE-6 [I]: what the district found missing, each catalog document by its name in `lang`.
      const catalog = caseService(foldCase(events))?.documents ?? [];
      return [
        ...f(
          'returnForm:facts.missingDocuments',
          e.payload.missingDocuments.map((d) => missingDocumentText(d, catalog, lang)).join('; '),
        ),
        ...f('facts.note', e.payload.note),
        ...f('facts.outgoingNumber', e.payload.outgoingNumber),
      ];
    }
    case 'IncomeComputed':
      return [
        ...f('facts.familySize', String(e.payload.familySize)),
        ...f('facts.perCapitaIncome', money(e.payload.perCapitaIncomeTiyn, lang)),
      ];
    case 'PreliminaryRefusalNoticed':
      return [
        ...f('facts.noticeDate', formatDate(e.payload.noticeDate)),
        ...f('facts.hearingAt', formatDateTime(e.payload.hearing.at)),
        ...f('facts.grounds', e.payload.grounds.map((g) => g.text).join('; ')),
      ];
    case 'RefusalNoticeReceived':
      return f('facts.noticeReceivedOn', formatDate(e.payload.receivedOn));
    case 'ObjectionFiled':
      return [
        ...f('facts.objectionForm', t(`case:objectionForms.${e.payload.form}`)),
        ...f('facts.date', formatDate(e.payload.date)),
        ...f('facts.summary', e.payload.summary),
      ];
    case 'HearingProtocolRecorded':
      return [
        ...f('facts.date', formatDate(e.payload.date)),
        ...f('facts.actNumber', e.payload.number),
        ...f('facts.summary', e.payload.summary),
      ];
    case 'ProtocolFamiliarized':
      return f('facts.date', formatDate(e.payload.date));
    case 'RemarksFiled':
      return [
        ...f('facts.date', formatDate(e.payload.date)),
        ...f('facts.summary', e.payload.text),
      ];
    case 'DecisionMade':
      return decisionFacts(e.payload, t, lang);
    case 'ResultSigned':
      return [];
    case 'CertificateIssued':
      return [
        ...f('facts.certificateResult', t(`case:certificateResults.${e.payload.result}`)),
        ...f('facts.certificateNumber', e.payload.number),
        ...f('facts.date', formatDate(e.payload.date)),
      ];
    case 'ReturnedToAkimat':
      return f('facts.outgoingNumber', e.payload.outgoingNumber);
    case 'DistrictResultRecorded':
      return [
        ...decisionFacts(e.payload.decision, t, lang),
        ...f('facts.receivedOn', formatDate(e.payload.receivedOn)),
        ...f('facts.outgoingNumber', e.payload.outgoingNumber),
      ];
    case 'ApplicantNotifiedResultReady':
      return [
        ...f('facts.notifyWay', t(`case:notifyWays.${e.payload.way}`)),
        ...f('facts.note', e.payload.note),
      ];
    case 'ResultIssued':
      return [
        ...f('facts.issueDate', formatDate(e.payload.date)),
        ...f('facts.issueWay', t(`case:issueWays.${e.payload.way}`)),
        ...f(
          'facts.issuedTo',
          `${t(`case:recipientKinds.${e.payload.to.kind}`)}: ${e.payload.to.name}`,
        ),
      ];
    case 'Withdrawn':
      return [
        ...f('facts.requestDate', formatDate(e.payload.requestDate)),
        ...f('facts.reason', e.payload.reason),
      ];
    case 'TermSuspended':
      return [
        ...f(
          'facts.suspensionGround',
          e.payload.groundCode ? suspensionGroundText(events, e.payload.groundCode, lang) : null,
        ),
        ...f('facts.reason', e.payload.reason),
      ];
    case 'TermResumed':
      return f('facts.note', e.payload.note);
    case 'TermExtended':
      return [
        ...f('facts.reason', t(`case:extensionReasons.${e.payload.reason}`)),
        ...f('facts.newDueDate', formatDate(e.payload.newDueDate)),
      ];
    case 'TermReplanned':
      return [
        ...f('facts.newDueDate', formatDate(e.payload.newDueDate)),
        ...f('facts.calendarVersion', e.payload.calendarVersion),
        ...f('facts.reason', e.payload.reason),
      ];
    case 'ApplicationCorrected': {
      const given = correctionSectionsGiven(e.payload);
      return [
        ...f(
          'facts.correctedSections',
          given.map((section) => t(`application.sections.${section}`)).join(', '),
        ),
        ...f('facts.reason', e.payload.reason),
      ];
    }
    case 'ConflictAcknowledged': {
      const target = events.find((x) => x.id === e.payload.eventId);
      return [
        ...f(
          'facts.conflictEvent',
          target
            ? `${t(`case:events.${target.type}`)}, ${formatDateTime(target.legalTime)}`
            : e.payload.eventId,
        ),
        ...f('facts.note', e.payload.note),
      ];
    }
  }
}

/**
 * The signed badge: shown only when the signature verifies against the key registered for the signer
 * at the event's time, over the document the log gives; otherwise it says plainly that it does not,
 * and why. Nothing for an unsigned event.
 */
function SignedBadge({ state, event }: { state: CaseState; event: CaseEvent }) {
  const { t } = useTranslation('session');
  const check = useSignedEventCheck(state, event);
  if (check === null || event.signature === undefined) return null;
  if (check.phase === 'checking') {
    return <span className="cp-badge">{t('signature.checking')}</span>;
  }
  const verdict = check.verdict;
  if (verdict.ok) {
    return (
      <span className="cp-badge cp-badge-signed" title={t('signature.verifiedTitle')}>
        {t('signature.verified', { key: keyText(event.signature.keyId) })}
      </span>
    );
  }
  return (
    <span className="cp-badge cp-badge-conflict" title={t(verdict.reason)}>
      {t('signature.unverified')}: {t(verdict.reason)}
    </span>
  );
}

export interface CaseTimelineProps {
  state: CaseState;
  actors: Record<string, CaseActor>;
  lang: Language;
  /** The hub's receipt time of each event it took in (epoch ms), by event id. */
  hubReceivedAtMs?: Readonly<Record<string, number>>;
}

/**
 * Every event of the case, applied or kept as a conflict, in the fold's order (R-STAT-2/R-STAT-3):
 * what happened, when at the office, who did it in which role, the facts it recorded, and when the
 * district hub took it in (shown at the office's clock; the legal time stays the event's own).
 */
export function CaseTimeline({ state, actors, lang, hubReceivedAtMs = {} }: CaseTimelineProps) {
  const { t } = useTranslation('casePage');
  const conflicts = new Map(state.conflicts.map((c) => [c.event.id, c]));
  const { calendar } = useDesk();
  const schedule = caseSchedule(state, calendar);
  const all = [...state.events, ...state.conflicts.map((c) => c.event)].sort(compareEvents);
  const everything = all;
  return (
    <article className="card cp-card cp-timeline">
      <h2>{t('timeline.heading')}</h2>
      <ol className="cp-events">
        {all.map((e) => {
          const conflict = conflicts.get(e.id);
          const actor = actors[e.actor.userId];
          const late = conflict ? [] : stepsDoneLateBy(schedule, e);
          return (
            <li
              key={`${e.id}-${conflict ? 'c' : 'e'}`}
              className={conflict ? 'cp-event cp-event-conflict' : 'cp-event'}
            >
              <div className="cp-event-head">
                <time dateTime={e.legalTime}>{formatDateTime(e.legalTime)}</time>
                <strong>{t(`case:events.${e.type}`)}</strong>
                <SignedBadge state={state} event={e} />
                {late.map((step) => (
                  <span className="cp-badge cp-badge-late" key={step.step.id}>
                    {t('timeline.doneLate', { due: step.due ? dueLabel(step.due) : '' })}
                  </span>
                ))}
                {conflict && (
                  <span className="cp-badge cp-badge-conflict">
                    {conflict.acknowledgedBy
                      ? t('timeline.conflictReviewed')
                      : t('timeline.conflict')}
                  </span>
                )}
              </div>
              <div className="cp-event-actor">
                {actor?.name ?? t('timeline.unknownUser')} · {t(`roles.${e.actor.role}`)}
              </div>
              {hubReceivedAtMs[e.id] !== undefined && (
                <div className="cp-event-hub">
                  {t('timeline.hubReceived', {
                    at: formatDateTime(localDateTimeAt(hubReceivedAtMs[e.id] ?? 0)),
                  })}
                </div>
              )}
              {conflict && <p className="cp-conflict-reason">{t(conflict.reason)}</p>}
              {(() => {
                const facts = eventFacts(e, t, lang, actors, everything);
                return facts.length > 0 ? (
                  <dl className="cp-facts">
                    {facts.map((fact) => (
                      <div
                        key={fact.label}
                        className={fact.value.length > 48 ? 'cp-fact-wide' : undefined}
                      >
                        <dt>{fact.label}</dt>
                        <dd>{fact.value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null;
              })()}
            </li>
          );
        })}
      </ol>
    </article>
  );
}
