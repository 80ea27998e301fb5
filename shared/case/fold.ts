// The case's state is a pure fold of its events, the same on the desk and on the hub. What must stay true:
// - The result depends only on the SET of events: they are sorted by (hlc, id) with plain string
//   comparison, and a repeated delivery of an event id is ignored.
// - Every event is checked against the state the fold has reached (the transition table and the rules
//   that need no calendar). One that does not fit is never dropped: it is listed in `conflicts` with its
//   reason and the case is flagged until a person acknowledges it.
// - Calendar and catalog rules (hearing windows, suspension grounds, intake hours) are checked when an
//   event is appended, not here (checkEvent with no context), so a later calendar or catalog
//   correction cannot turn an accepted event into a conflict.
import { compareStamped, inFoldOrder } from '../events/fold-order';
import { correctionOutcome, correctionRecord, receivedApplication } from './application';
import type { CaseEvent } from './events';
import { ID_REUSED } from './messages';
import type { ConflictReason } from './messages';
import { EMPTY_CASE, noticeFormFor, notificationChannelFor } from './state';
import type { CaseConflict, CaseState, CompletionReturn, HearingState } from './state';
import { checkEvent } from './transitions';

/** The fold order: hlc, then id, as plain strings (shared/events/fold-order). */
export const compareEvents: (a: CaseEvent, b: CaseEvent) => number = compareStamped;

/** Throws when the events belong to different cases: the caller folds one case at a time. */
export function foldCase(events: readonly CaseEvent[]): CaseState {
  const caseId = events[0]?.caseId ?? null;
  for (const e of events) {
    if (e.caseId !== caseId)
      throw new RangeError(`foldCase got events of ${caseId} and ${e.caseId}`);
  }
  let state: CaseState = { ...EMPTY_CASE, caseId };
  for (const d of inFoldOrder(events)) {
    if (d.kind === 'idReused') {
      state = withConflict(state, d.event, ID_REUSED);
      continue;
    }
    const check = checkEvent(state, d.event, null);
    state = check.ok ? applyEvent(state, d.event) : withConflict(state, d.event, check.reason);
  }
  return state;
}

const OPENING = new Set<CaseEvent['type']>([
  'Registered',
  'AcceptanceRefused',
  'ProactiveCaseOpened',
]);

function withConflict(state: CaseState, event: CaseEvent, reason: ConflictReason): CaseState {
  const conflict: CaseConflict = { event, reason, acknowledgedBy: null };
  return { ...state, conflicts: [...state.conflicts, conflict], flagged: true };
}

/**
 * The office a case belongs to, from its opening event: the office that opened it, or for proactive
 * assistance the okrug the district opened it for (R-PRO-1, 003:30). The hub scopes the case's events
 * by the same answer (server/src/sync/event-log.ts).
 */
export function openingOfficeOf(event: CaseEvent): string {
  if (event.type === 'ProactiveCaseOpened' && event.payload.officeId !== undefined) {
    return event.payload.officeId;
  }
  return event.actor.officeId;
}

function applyEvent(state: CaseState, event: CaseEvent): CaseState {
  const opened = state.officeId === null && OPENING.has(event.type);
  const next = reduce(
    opened
      ? { ...state, officeId: openingOfficeOf(event), districtId: event.actor.districtId ?? null }
      : state,
    event,
  );
  const changed =
    next.stage !== state.stage ||
    next.suspended !== state.suspended ||
    next.dueDate !== state.dueDate;
  return {
    ...next,
    events: [...state.events, event],
    stepTimes:
      state.stepTimes[event.type] === undefined
        ? { ...state.stepTimes, [event.type]: event.legalTime }
        : state.stepTimes,
    history: changed
      ? [
          ...state.history,
          {
            at: event.legalTime,
            eventId: event.id,
            type: event.type,
            stage: next.stage,
            suspended: next.suspended,
            dueDate: next.dueDate,
          },
        ]
      : state.history,
  };
}

function updateLatestReturn(
  state: CaseState,
  change: (r: CompletionReturn) => CompletionReturn,
): readonly CompletionReturn[] {
  const last = state.completionReturns.length - 1;
  return state.completionReturns.map((r, i) => (i === last ? change(r) : r));
}

function hearingOf(state: CaseState): HearingState {
  // checkEvent let a hearing event through only in the 'hearing' stage, which sets this.
  if (state.hearing === null) throw new Error('Hearing event applied without a hearing');
  return state.hearing;
}

function reduce(state: CaseState, e: CaseEvent): CaseState {
  switch (e.type) {
    case 'Registered': {
      const p = e.payload;
      return {
        ...state,
        stage: p.route === 'district' ? 'atDistrict' : 'registered',
        route: p.route,
        serviceId: p.serviceId,
        ruleSetId: p.ruleSetId,
        channel: p.channel,
        applicant: p.applicant,
        representative: p.representative ?? null,
        notificationChannel: notificationChannelFor(p.applicant, p.channel),
        intake: p,
        application: receivedApplication(p),
        registrationNumber: p.registrationNumber,
        registrationDate: p.registrationDate,
        receivedAt: p.receivedAt,
        dueDate: p.dueDate,
      };
    }
    case 'AcceptanceRefused': {
      const p = e.payload;
      return {
        ...state,
        stage: 'notAccepted',
        route: p.route,
        serviceId: p.serviceId,
        ruleSetId: p.ruleSetId,
        channel: p.channel,
        applicant: p.applicant,
        representative: p.representative ?? null,
        acceptanceRefusal: p,
        application: receivedApplication(p),
        receivedAt: p.receivedAt,
      };
    }
    case 'ProactiveCaseOpened': {
      const p = e.payload;
      return {
        ...state,
        stage: 'atDistrict',
        route: 'district',
        proactive: true,
        serviceId: p.serviceId,
        ruleSetId: p.ruleSetId,
        applicant: p.recipient,
        notificationChannel: notificationChannelFor(p.recipient, null),
        proactiveOpening: p,
        dueDate: p.dueDate ?? null,
      };
    }
    case 'ResolutionImposed':
      return { ...state, stage: 'resolutionImposed', resolution: e.payload };
    case 'SentToCommission':
      return { ...state, stage: 'atCommission' };
    case 'CommissionActRecorded':
      return { ...state, stage: 'commissionDone', commissionAct: e.payload };
    case 'ForwardedToDistrict':
      return {
        ...state,
        stage: 'forwarded',
        forwarding: e.payload,
        districtHandoverAt: e.legalTime,
        completionReturns:
          state.stage === 'returnedForCompletion'
            ? updateLatestReturn(state, (r) => ({ ...r, forwardedAgainAt: e.legalTime }))
            : state.completionReturns,
      };
    case 'ReceivedByDistrict':
      return { ...state, stage: 'atDistrict', districtHandoverAt: e.legalTime };
    case 'ReturnedForCompletion':
      return {
        ...state,
        stage: 'returnedForCompletion',
        districtHandoverAt: null,
        completionReturns: [
          ...state.completionReturns,
          {
            eventId: e.id,
            at: e.legalTime,
            byUserId: e.actor.userId,
            missingDocuments: e.payload.missingDocuments,
            note: e.payload.note ?? null,
            outgoingNumber: e.payload.outgoingNumber ?? null,
            correctedAt: null,
            forwardedAgainAt: null,
          },
        ],
      };
    case 'IncomeComputed':
      return { ...state, income: e.payload };
    case 'PreliminaryRefusalNoticed':
      return {
        ...state,
        stage: 'hearing',
        hearing: {
          notice: e.payload,
          noticedAt: e.legalTime,
          noticeReceivedOn: e.payload.receivedOn ?? null,
          objection: null,
          protocolRequired: false,
          protocol: null,
          familiarizedOn: null,
          remarks: null,
        },
      };
    case 'RefusalNoticeReceived':
      return {
        ...state,
        hearing: { ...hearingOf(state), noticeReceivedOn: e.payload.receivedOn },
      };
    case 'ObjectionFiled':
      return {
        ...state,
        hearing: {
          ...hearingOf(state),
          objection: e.payload,
          protocolRequired: e.payload.form === 'oral',
        },
      };
    case 'HearingProtocolRecorded':
      return { ...state, hearing: { ...hearingOf(state), protocol: e.payload } };
    case 'ProtocolFamiliarized':
      return { ...state, hearing: { ...hearingOf(state), familiarizedOn: e.payload.date } };
    case 'RemarksFiled':
      return { ...state, hearing: { ...hearingOf(state), remarks: e.payload } };
    case 'DecisionMade':
      return {
        ...state,
        stage: 'decided',
        decision: {
          ...e.payload,
          noticeForm: noticeFormFor(e.payload),
          decidedAt: e.legalTime,
          decidedBy: e.actor.userId,
        },
      };
    case 'ResultSigned':
    case 'CertificateIssued':
      return {
        ...state,
        stage: 'signed',
        certificate: e.type === 'CertificateIssued' ? e.payload : state.certificate,
        signature: {
          at: e.legalTime,
          byUserId: e.actor.userId,
          keyId: e.signature.keyId,
          documentDigest: e.payload.documentDigest,
        },
      };
    case 'ReturnedToAkimat':
      return { ...state, stage: 'returned', returned: e.payload };
    case 'DistrictResultRecorded':
      return {
        ...state,
        stage: 'returned',
        decision: {
          ...e.payload.decision,
          noticeForm: noticeFormFor(e.payload.decision),
          decidedAt: e.legalTime,
          decidedBy: e.actor.userId,
        },
        returned: e.payload.outgoingNumber ? { outgoingNumber: e.payload.outgoingNumber } : {},
      };
    case 'ApplicantNotifiedResultReady':
      // The first notice starts the issue step (shared/schedule); a later one is kept in the log.
      return state.resultReadyNotice
        ? state
        : {
            ...state,
            resultReadyNotice: { at: e.legalTime, way: e.payload.way, byUserId: e.actor.userId },
          };
    case 'ResultIssued':
      return { ...state, stage: 'issued', issue: e.payload };
    case 'Withdrawn':
      return { ...state, stage: 'withdrawn', withdrawal: e.payload };
    case 'TermSuspended':
      return {
        ...state,
        suspended: true,
        suspensions: [
          ...state.suspensions,
          {
            from: e.legalTime,
            to: null,
            reason: e.payload.reason,
            groundCode: e.payload.groundCode ?? null,
          },
        ],
      };
    case 'TermResumed':
      return {
        ...state,
        suspended: false,
        suspensions: state.suspensions.map((s) => (s.to === null ? { ...s, to: e.legalTime } : s)),
      };
    case 'TermExtended':
      return { ...state, extension: e.payload, dueDate: e.payload.newDueDate };
    case 'TermReplanned':
      return { ...state, replan: e.payload, dueDate: e.payload.newDueDate };
    case 'ApplicationCorrected': {
      // checkEvent let it through only for a case with an application (noApplicationToCorrect).
      if (state.application === null) throw new Error('Correction applied without an application');
      const { next, changes } = correctionOutcome(state.application, e.payload);
      return {
        ...state,
        application: next,
        applicant: next.applicant,
        representative: next.representative,
        // R-DEC-2: a corrected phone or mobile-database flag changes how the notice goes out.
        notificationChannel: notificationChannelFor(next.applicant, state.channel),
        corrections: [...state.corrections, correctionRecord(e, changes)],
        // The first correction after a return (the case page shows when the package was completed).
        completionReturns:
          state.stage === 'returnedForCompletion'
            ? updateLatestReturn(state, (r) =>
                r.correctedAt ? r : { ...r, correctedAt: e.legalTime },
              )
            : state.completionReturns,
      };
    }
    case 'ConflictAcknowledged': {
      const conflicts = state.conflicts.map((c) =>
        c.acknowledgedBy === null && c.event.id === e.payload.eventId
          ? { ...c, acknowledgedBy: e.id }
          : c,
      );
      return { ...state, conflicts, flagged: conflicts.some((c) => c.acknowledgedBy === null) };
    }
  }
}
