// Who may append which event in which stage. The desk asks before saving, the hub asks again before
// accepting, and the fold asks for every event it applies, so an event that was allowed on a desk but
// not in the merged log becomes a conflict instead of silently changing the case.
//
// What must stay true:
// - Three layers, each a pure function of what it is given:
//   1. the table: role, stage, route (TRANSITIONS);
//   2. the actor's place: an akimat role acts only on its own office's cases, a district role only on
//      cases of its district (or on its own office's cases, for applications filed at the district);
//   3. the rules. Those the log alone decides run everywhere, the fold included. Those that need the
//      working-day calendar or the service catalog (hearing windows, suspension grounds, intake hours,
//      a notarized power of attorney) run only when a RuleContext is given: the store always gives it
//      and works every input out itself from the case's own log, so no caller can forget one; the fold
//      gives none, so a later calendar or catalog correction never turns an accepted event into a
//      conflict.
// - Admin appends nothing: admin is a technical role (enrolment, users, devices). A withdrawal is the
//   applicant's request registered by the office that holds the case, so it is the specialist's act.
import type { WorkingCalendar } from '../calendar/working-calendar';
import { outsideIntakeWindow } from '../intake/intake-window';
import { governingService } from '../catalog/catalog';
import type { ServiceDefinition } from '../catalog/schema';
import { datePart } from '../time';
import { correctionOutcome } from './application';
import { decisionWindowProblem, hearingStepMissing } from './hearing-timing';
import type { CaseEventType, CaseRole, DocumentState, PayloadOf, Route } from './events';
import type { CaseEvent } from './events';
import { CASE_EVENT_TYPES } from './events';
import { rejection } from './messages';
import type { RejectionCode, RejectionReason } from './messages';
import { CASE_STAGES, TERMINAL_STAGES } from './state';
import type { CaseStage, CaseState } from './state';

export interface Transition {
  readonly type: CaseEventType;
  readonly from: readonly CaseStage[];
  readonly roles: readonly CaseRole[];
  /** Limits the row to these routes; absent means every route. */
  readonly routes?: readonly Route[];
}

/**
 * The akimat's stages, 'returnedForCompletion' among them: while the district department has sent the
 * case back for a missing document (R-ROUTE-6 [I]) the akimat holds it and runs its term. The return
 * does not stop the term by itself [I]: the seeds name no suspension for it, and the akim-route
 * rule-sets say there is none ("Оснований для приостановления оказания государственной услуги не
 * предусмотрено", 001:11136 / 4901 for the TSA; 003 states none), so the round trip counts in the
 * whole term. Where a rule-set does list a suspension ground, the akimat suspends with TermSuspended
 * and that ground, checked against the catalog like any suspension (contextCheck).
 */
const AKIMAT_ACTIVE: readonly CaseStage[] = [
  'registered',
  'resolutionImposed',
  'atCommission',
  'commissionDone',
  'forwarded',
  'returnedForCompletion',
];
const DISTRICT_ACTIVE: readonly CaseStage[] = ['atDistrict', 'hearing'];
const OPENED: readonly CaseStage[] = CASE_STAGES.filter((s) => s !== 'new');
const AKIMAT_ROUTES: readonly Route[] = ['akimToDistrict', 'akimLocal'];

/** The office that holds the case in an active stage runs its term: suspends, extends, withdraws. */
function termRows(type: CaseEventType): readonly Transition[] {
  return [
    { type, from: AKIMAT_ACTIVE, roles: ['specialist'] },
    { type, from: DISTRICT_ACTIVE, roles: ['districtSpecialist'] },
  ];
}

export const TRANSITIONS: readonly Transition[] = [
  // Intake. R-REG-6: a refused application stays 'notAccepted' for good.
  { type: 'Registered', from: ['new'], roles: ['specialist', 'districtSpecialist'] },
  { type: 'AcceptanceRefused', from: ['new'], roles: ['specialist', 'districtSpecialist'] },
  // R-PRO-1: proactive assistance is opened by the provider, with no application and no intake.
  { type: 'ProactiveCaseOpened', from: ['new'], roles: ['districtSpecialist'] },
  // Akimat part of the akim route (seed 001 №14: resolution, commission, forwarding).
  {
    type: 'ResolutionImposed',
    from: ['registered', 'resolutionImposed'],
    roles: ['akim'],
    routes: AKIMAT_ROUTES,
  },
  {
    type: 'SentToCommission',
    from: ['resolutionImposed'],
    roles: ['specialist'],
    routes: ['akimToDistrict'],
  },
  { type: 'CommissionActRecorded', from: ['atCommission'], roles: ['specialist'] },
  // R-ROUTE-1: the village commission is needed only for some grounds, so forwarding may skip it.
  // R-ROUTE-7 [I]: a case returned for completion is forwarded again, in a new covering register.
  {
    type: 'ForwardedToDistrict',
    from: ['resolutionImposed', 'commissionDone', 'returnedForCompletion'],
    roles: ['specialist'],
    routes: ['akimToDistrict'],
  },
  // District part.
  { type: 'ReceivedByDistrict', from: ['forwarded'], roles: ['districtSpecialist'] },
  // R-ROUTE-6 [I]: a missing document is found when the district checks the package it received, before
  // it sets a hearing: from 'hearing' on, the APPC art. 73 procedure (003:38-47) ends in a decision.
  {
    type: 'ReturnedForCompletion',
    from: ['atDistrict'],
    roles: ['districtSpecialist'],
    routes: ['akimToDistrict'],
  },
  { type: 'IncomeComputed', from: DISTRICT_ACTIVE, roles: ['districtSpecialist'] },
  { type: 'PreliminaryRefusalNoticed', from: ['atDistrict'], roles: ['districtSpecialist'] },
  { type: 'RefusalNoticeReceived', from: ['hearing'], roles: ['districtSpecialist'] },
  { type: 'ObjectionFiled', from: ['hearing'], roles: ['districtSpecialist'] },
  { type: 'HearingProtocolRecorded', from: ['hearing'], roles: ['districtSpecialist'] },
  { type: 'ProtocolFamiliarized', from: ['hearing'], roles: ['districtSpecialist'] },
  { type: 'RemarksFiled', from: ['hearing'], roles: ['districtSpecialist'] },
  // R-HEAR-7: a grant may be decided straight from 'atDistrict'; a refusal needs 'hearing' (R-HEAR-1).
  { type: 'DecisionMade', from: DISTRICT_ACTIVE, roles: ['districtSpecialist'] },
  { type: 'ResultSigned', from: ['decided'], roles: ['districtHead'] },
  // The TSA certificate is signed by whoever provides it: the akim at the akimat, the head at the district.
  {
    type: 'CertificateIssued',
    from: ['registered', 'resolutionImposed'],
    roles: ['akim'],
    routes: ['akimLocal'],
  },
  {
    type: 'CertificateIssued',
    from: ['atDistrict'],
    roles: ['districtHead'],
    routes: ['district'],
  },
  // Back at the akimat, and issue. R-DEC-5: only from 'signed' or later.
  { type: 'ReturnedToAkimat', from: ['signed'], roles: ['specialist'], routes: ['akimToDistrict'] },
  // For a district that does not use the desk, the akimat enters the result from the paper notice.
  {
    type: 'DistrictResultRecorded',
    from: ['forwarded'],
    roles: ['specialist'],
    routes: ['akimToDistrict'],
  },
  // The applicant is told the result is ready; the akimat's issue step runs from then (001:11148).
  {
    type: 'ApplicantNotifiedResultReady',
    from: ['returned'],
    roles: ['specialist'],
    routes: ['akimToDistrict'],
  },
  { type: 'ResultIssued', from: ['returned'], roles: ['specialist'], routes: ['akimToDistrict'] },
  { type: 'ResultIssued', from: ['signed'], roles: ['specialist'], routes: ['akimLocal'] },
  { type: 'ResultIssued', from: ['signed'], roles: ['districtSpecialist'], routes: ['district'] },
  // The term and the application, by the office holding the case.
  ...termRows('Withdrawn'),
  ...termRows('TermSuspended'),
  ...termRows('TermResumed'),
  ...termRows('TermExtended'),
  ...termRows('TermReplanned'),
  // A correction of the application, by the office holding the case, before the decision: the akimat
  // until it forwards the case (after that the papers are at the district) and again while the case is
  // back for completion, the district department until it decides. A decided or signed result is never
  // about other data than it was decided on.
  {
    type: 'ApplicationCorrected',
    from: [
      'registered',
      'resolutionImposed',
      'atCommission',
      'commissionDone',
      'returnedForCompletion',
    ],
    roles: ['specialist'],
    routes: AKIMAT_ROUTES,
  },
  { type: 'ApplicationCorrected', from: DISTRICT_ACTIVE, roles: ['districtSpecialist'] },
  {
    type: 'ConflictAcknowledged',
    from: OPENED,
    roles: ['specialist', 'akim', 'districtSpecialist', 'districtHead'],
  },
];

const OPENING_TYPES: readonly CaseEventType[] = [
  'Registered',
  'AcceptanceRefused',
  'ProactiveCaseOpened',
];

/** While the term is suspended the case waits; only these may still happen. */
const ALLOWED_WHILE_SUSPENDED: readonly CaseEventType[] = [
  'TermSuspended',
  'TermResumed',
  'TermExtended',
  'TermReplanned',
  'Withdrawn',
  // A term suspended for missing papers ends when they come: the checklist is corrected first.
  'ApplicationCorrected',
  'ConflictAcknowledged',
];

/** Who attempts the act: the role and the place it is acted from. */
export interface ActingAs {
  readonly role: CaseRole;
  readonly officeId: string;
  /** Absent only on events written before version 2. */
  readonly districtId?: string | undefined;
}

/**
 * What the rules that need more than the log get: the working-day calendar (hearing windows, intake
 * hours). The service catalog is shared data and is looked up from the case itself. Everything else a
 * rule needs (notice dates, receipt dates, familiarization) comes from the case's own log.
 */
export interface RuleContext {
  readonly calendar: WorkingCalendar;
}

export interface AppendOptions<T extends CaseEventType = CaseEventType> {
  /** The payload about to be appended; without it only what the state alone decides is checked. */
  readonly payload?: PayloadOf<T> | undefined;
  /**
   * null: only the table, the actor's place and the log's own rules (the fold, a screen deciding which
   * actions to offer). The store always passes its context.
   */
  readonly context: RuleContext | null;
}

export type AppendCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: RejectionReason };

const OK: AppendCheck = { ok: true };
const no = (code: RejectionCode): AppendCheck => ({
  ok: false,
  reason: rejection(code),
});

type Attempt = {
  [K in CaseEventType]: { readonly type: K; readonly payload: PayloadOf<K> | undefined };
}[CaseEventType];

export type OfficeSide = 'akimat' | 'district';

/** The side of the route a role works on; admin works on none. */
export function sideOfRole(role: CaseRole): OfficeSide | null {
  switch (role) {
    case 'specialist':
    case 'akim':
      return 'akimat';
    case 'districtSpecialist':
    case 'districtHead':
      return 'district';
    case 'admin':
      return null;
  }
}

function sideOfRoute(route: Route): OfficeSide {
  return route === 'district' ? 'district' : 'akimat';
}

function hasGaps(documents: PayloadOf<'Registered'>['documents']): boolean {
  return documents.some((d) => d.state === 'missing' || d.state === 'expired');
}

function tableCheck(state: CaseState, type: CaseEventType, role: CaseRole): AppendCheck {
  const forRole = TRANSITIONS.filter((t) => t.type === type && t.roles.includes(role));
  if (forRole.length === 0) return no('roleNotAllowed');
  if (TERMINAL_STAGES.includes(state.stage) && type !== 'ConflictAcknowledged') {
    return no(
      state.stage === 'notAccepted' && type === 'Registered' ? 'notAccepted' : 'caseClosed',
    );
  }
  const forStage = forRole.filter((t) => t.from.includes(state.stage));
  if (forStage.length === 0) {
    if (OPENING_TYPES.includes(type)) return no('alreadyOpened');
    if (type === 'ResultIssued' && state.stage === 'decided') return no('resultNotSigned');
    return no('notAllowedInStage');
  }
  const onRoute = forStage.some(
    (t) => t.routes === undefined || (state.route !== null && t.routes.includes(state.route)),
  );
  if (!onRoute) return no('notOnThisRoute');
  if (state.suspended && !ALLOWED_WHILE_SUSPENDED.includes(type)) return no('suspended');
  return OK;
}

/**
 * The actor's place: an akimat acts on the cases it opened; the district department acts on every case
 * of its district, and on the cases it opened itself (the district route). An opening event makes the
 * actor's office the case's office, so it is always in place.
 */
function placeCheck(state: CaseState, actor: ActingAs): AppendCheck {
  if (state.officeId === null) return OK;
  switch (sideOfRole(actor.role)) {
    case 'akimat':
      return actor.officeId === state.officeId ? OK : no('otherOffice');
    case 'district':
      if (actor.officeId === state.officeId) return OK;
      return actor.districtId !== undefined && actor.districtId === state.districtId
        ? OK
        : no('otherDistrict');
    case null:
      return no('roleNotAllowed');
  }
}

/** A document of the checklist that the package holds (R-CERT-4: an IS confirmation counts). */
const HELD: readonly DocumentState[] = ['presented', 'confirmedByInformationSystem'];

/**
 * R-ROUTE-7 [I]: a case returned for completion goes back only complete: every document the latest
 * return names by its catalog id stands in the application's checklist as presented (or confirmed by
 * an information system); one that was not is marked by an ApplicationCorrected first. A paper the
 * return names only in words cannot be checked from the log: the akim's signature on the new covering
 * register vouches for it, as for the rest of the package. The seeds are silent on the return itself;
 * this keeps the district from receiving the same gap twice without shutting out a paper that was
 * already ticked on the checklist but missing from the package.
 */
function completedSinceReturn(state: CaseState): AppendCheck {
  const latest = state.completionReturns[state.completionReturns.length - 1];
  const documents = state.application?.documents ?? [];
  const complete = (latest?.missingDocuments ?? []).every(
    (m) =>
      m.documentId === undefined ||
      documents.some((d) => d.documentId === m.documentId && HELD.includes(d.state)),
  );
  return complete ? OK : no('notCompletedSinceReturn');
}

/** Rules the log alone decides: they hold in the fold as well as at append. */
function logCheck(state: CaseState, attempt: Attempt, role: CaseRole): AppendCheck {
  const hearing = state.hearing;
  switch (attempt.type) {
    case 'AcceptanceRefused': {
      const p = attempt.payload;
      if (p === undefined) return OK;
      if (sideOfRoute(p.route) !== sideOfRole(role)) return no('routeNotForRole');
      return hasGaps(p.documents) ? OK : no('packageComplete');
    }
    case 'Registered': {
      const p = attempt.payload;
      if (p === undefined) return OK;
      if (sideOfRoute(p.route) !== sideOfRole(role)) return no('routeNotForRole');
      // R-REG-6: an incomplete package or an expired document gets the 2-1 receipt, not a number.
      if (hasGaps(p.documents)) return no('incompletePackage');
      // R-REG-7: both consents are recorded before the application is registered.
      if (!p.consents.personalData || !p.consents.protectedInformation) return no('consentMissing');
      return OK;
    }
    case 'TermSuspended':
      return state.suspended ? no('alreadySuspended') : OK;
    case 'TermResumed':
      return state.suspended ? OK : no('notSuspended');
    case 'TermExtended':
      return state.extension === null ? OK : no('alreadyExtended');
    case 'TermReplanned': {
      const p = attempt.payload;
      if (p === undefined) return OK;
      if (state.dueDate === null) return no('noTermToReplan');
      if (p.newDueDate === state.dueDate) return no('replanSameDate');
      const from = state.registrationDate ?? (state.receivedAt && datePart(state.receivedAt));
      return from && p.newDueDate < from ? no('replanBeforeRegistration') : OK;
    }
    case 'RefusalNoticeReceived': {
      if (hearing === null) return no('refusalWithoutNotice');
      if (hearing.noticeReceivedOn !== null) return no('noticeReceiptAlreadyRecorded');
      const p = attempt.payload;
      if (p && p.receivedOn < hearing.notice.noticeDate) return no('noticeReceiptBeforeNotice');
      return OK;
    }
    case 'ObjectionFiled':
      return hearing?.objection ? no('objectionAlreadyFiled') : OK;
    case 'HearingProtocolRecorded':
      return hearing?.protocol ? no('protocolAlreadyRecorded') : OK;
    case 'ProtocolFamiliarized':
      if (!hearing?.protocol) return no('protocolNotRecorded');
      return hearing.familiarizedOn === null ? OK : no('alreadyFamiliarized');
    case 'RemarksFiled':
      if (!hearing?.familiarizedOn) return no('notFamiliarized');
      return hearing.remarks === null ? OK : no('remarksAlreadyFiled');
    case 'DecisionMade': {
      // The hearing's steps a decision waits for (shared/case/hearing-timing, with the desk's screens).
      const missing = hearingStepMissing(hearing, attempt.payload?.outcome);
      if (missing !== null) return no(missing);
      const p = attempt.payload;
      if (p === undefined) return OK;
      if (hearing?.remarks && (p.remarksConsideration ?? '').trim() === '') {
        return no('remarksNotConsidered');
      }
      return OK;
    }
    case 'ApplicationCorrected': {
      // Proactive assistance has no application to correct (R-PRO-1).
      if (state.application === null) return no('noApplicationToCorrect');
      const p = attempt.payload;
      if (p === undefined) return OK;
      // R-REG-6: the package stays complete; a paper found missing is a suspension or a refusal.
      if (p.documents !== undefined && hasGaps(p.documents)) return no('correctionLeavesGap');
      const { changes } = correctionOutcome(state.application, p);
      return changes.sections.length > 0 ? OK : no('correctionChangesNothing');
    }
    case 'ForwardedToDistrict':
      return state.stage === 'returnedForCompletion' ? completedSinceReturn(state) : OK;
    case 'ConflictAcknowledged': {
      const open = state.conflicts.filter((c) => c.acknowledgedBy === null);
      const target = attempt.payload?.eventId;
      const found =
        target === undefined ? open.length > 0 : open.some((c) => c.event.id === target);
      return found ? OK : no('noOpenConflict');
    }
    case 'ProactiveCaseOpened':
    case 'ResolutionImposed':
    case 'SentToCommission':
    case 'CommissionActRecorded':
    case 'ReceivedByDistrict':
    case 'ReturnedForCompletion':
    case 'IncomeComputed':
    case 'PreliminaryRefusalNoticed':
    case 'ResultSigned':
    case 'CertificateIssued':
    case 'ReturnedToAkimat':
    case 'DistrictResultRecorded':
    case 'ApplicantNotifiedResultReady':
    case 'ResultIssued':
    case 'Withdrawn':
      return OK;
  }
}

/** The service definition that governs the case (or the application about to open it). */
function serviceOf(state: CaseState, attempt: Attempt): ServiceDefinition | null {
  if (attempt.type === 'Registered' && attempt.payload) {
    const p = attempt.payload;
    return governingService(p.serviceId, p.ruleSetId, p.registrationDate);
  }
  if (state.serviceId === null) return null;
  const date = state.registrationDate ?? (state.receivedAt ? datePart(state.receivedAt) : null);
  return governingService(state.serviceId, state.ruleSetId, date);
}

/**
 * The refusal's own date against the hearing's windows (003:38-47), every window worked out from the
 * log and the calendar:
 * - R-HEAR-1: no earlier than 3 working days after the notice (003:38);
 * - R-HEAR-3: the applicant may object within 2 working days of receiving the notice (003:43), so the
 *   receipt must be known and, when no objection was made, the window must have closed;
 * - R-HEAR-6: once the protocol was read, not while the 3-working-day remarks window is open and no
 *   remarks are logged (003:46-47) — for a grant too: the decision follows the remarks.
 */
/** Rules that need the calendar or the catalog: only at append, with the store's context. */
function contextCheck(state: CaseState, attempt: Attempt, context: RuleContext): AppendCheck {
  switch (attempt.type) {
    case 'Registered': {
      const p = attempt.payload;
      if (p === undefined) return OK;
      const service = serviceOf(state, attempt);
      // R-REG-2 for the TSA certificate (002:15): the power of attorney must be notarized.
      if (
        service?.representation?.powerOfAttorney === 'notarized' &&
        p.representative !== undefined &&
        p.representative.powerOfAttorney.notarized !== true
      ) {
        return no('notarizedPowerOfAttorneyRequired');
      }
      // 002:12: a service given on the spot is accepted only inside the intake window.
      if (
        p.route !== 'district' &&
        p.channel === 'office' &&
        outsideIntakeWindow(service, p.receivedAt, context.calendar)
      ) {
        return no('outsideIntakeHours');
      }
      return OK;
    }
    case 'ApplicationCorrected': {
      const representative = attempt.payload?.representation?.representative;
      // R-REG-2 for the TSA certificate (002:15), as at registration.
      if (
        representative !== undefined &&
        serviceOf(state, attempt)?.representation?.powerOfAttorney === 'notarized' &&
        representative.powerOfAttorney.notarized !== true
      ) {
        return no('notarizedPowerOfAttorneyRequired');
      }
      return OK;
    }
    case 'TermSuspended': {
      const grounds = serviceOf(state, attempt)?.suspensionGrounds;
      // Suspension only where the rule-set names grounds for it (001:11136 / 4901, 7165, 11629).
      if (grounds?.kind !== 'list') return no('suspensionNotProvided');
      const code = attempt.payload?.groundCode;
      if (attempt.payload === undefined) return OK;
      return grounds.grounds.some((g) => g.id === code) ? OK : no('suspensionGroundUnknown');
    }
    case 'DecisionMade': {
      const p = attempt.payload;
      if (p === undefined || state.hearing === null) return OK;
      const problem = decisionWindowProblem(state.hearing, p, context.calendar);
      return problem === null ? OK : no(problem);
    }
    default:
      return OK;
  }
}

/**
 * May `actor` append an event of `type` to a case in `state`? Checks the table, the actor's place, the
 * log's rules, and (with a context) the calendar's and the catalog's.
 */
export function canAppend<T extends CaseEventType>(
  state: CaseState,
  type: T,
  actor: ActingAs,
  options: AppendOptions<T>,
): AppendCheck {
  const table = tableCheck(state, type, actor.role);
  if (!table.ok) return table;
  const place = placeCheck(state, actor);
  if (!place.ok) return place;
  // Sound: payload is PayloadOf<T> for the same T as type.
  const attempt = { type, payload: options.payload } as Attempt;
  const log = logCheck(state, attempt, actor.role);
  if (!log.ok || options.context === null) return log;
  return contextCheck(state, attempt, options.context);
}

/** canAppend for a whole event: its type, its actor, its payload, and its case. */
export function checkEvent(
  state: CaseState,
  event: CaseEvent,
  context: RuleContext | null,
): AppendCheck {
  if (state.caseId !== null && event.caseId !== state.caseId) return no('wrongCase');
  return canAppend(state, event.type, event.actor, { payload: event.payload, context });
}

/** The event types `actor` may append now, in the order of a case's life. */
export function allowedEvents(
  state: CaseState,
  actor: ActingAs,
  context: RuleContext | null = null,
): CaseEventType[] {
  return CASE_EVENT_TYPES.filter((type) => canAppend(state, type, actor, { context }).ok);
}
