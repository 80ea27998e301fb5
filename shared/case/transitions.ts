// Who may append which event in which stage. The desk asks before saving, the hub asks again before
// accepting, and the fold asks for every event it applies, so an event that was allowed on a desk but
// not in the merged log becomes a conflict instead of silently changing the case.
//
// Admin appends nothing: admin is a technical role (enrolment, users, devices). A withdrawal is the
// applicant's request registered by the office that holds the case, so it is the specialist's act.
import type { LocalDate } from '../time';
import type { CaseEvent, CaseEventType, CaseRole, PayloadOf, Route } from './events';
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

const AKIMAT_ACTIVE: readonly CaseStage[] = [
  'registered',
  'resolutionImposed',
  'atCommission',
  'commissionDone',
  'forwarded',
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
  {
    type: 'ForwardedToDistrict',
    from: ['resolutionImposed', 'commissionDone'],
    roles: ['specialist'],
    routes: ['akimToDistrict'],
  },
  // District part.
  { type: 'ReceivedByDistrict', from: ['forwarded'], roles: ['districtSpecialist'] },
  { type: 'IncomeComputed', from: DISTRICT_ACTIVE, roles: ['districtSpecialist'] },
  { type: 'PreliminaryRefusalNoticed', from: ['atDistrict'], roles: ['districtSpecialist'] },
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
  // Until sync exists the akimat enters the district's result from the paper notice.
  {
    type: 'DistrictResultRecorded',
    from: ['forwarded'],
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
  'Withdrawn',
  'ConflictAcknowledged',
];

/** Answers the case model cannot work out itself: they need the calendar or the service catalog. */
export interface RuleOptions {
  /**
   * R-HEAR-6: whether the 3-working-day remarks window after the applicant read the protocol is still
   * open. Needs the calendar, so the caller answers it; left out (as the fold does) it blocks nothing.
   */
  readonly hearingWindowOpen?: boolean;
  /** R-HEAR-1: the earliest refusal date (notice date + 3 working days), from the deadline engine. */
  readonly earliestRefusalDate?: LocalDate;
  /** R-REG-2 for the TSA certificate (002:15): the power of attorney must be notarized. */
  readonly requireNotarizedPowerOfAttorney?: boolean;
}

export interface AppendOptions<T extends CaseEventType = CaseEventType> extends RuleOptions {
  /** The payload about to be appended; without it only what the state alone decides is checked. */
  readonly payload?: PayloadOf<T>;
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

function sideOfRole(role: CaseRole): 'akimat' | 'district' | null {
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

function sideOfRoute(route: Route): 'akimat' | 'district' {
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

function ruleCheck(
  state: CaseState,
  attempt: Attempt,
  role: CaseRole,
  options: RuleOptions,
): AppendCheck {
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
      if (
        options.requireNotarizedPowerOfAttorney === true &&
        p.representative !== undefined &&
        p.representative.powerOfAttorney.notarized !== true
      ) {
        return no('notarizedPowerOfAttorneyRequired');
      }
      return OK;
    }
    case 'TermSuspended':
      return state.suspended ? no('alreadySuspended') : OK;
    case 'TermResumed':
      return state.suspended ? OK : no('notSuspended');
    case 'TermExtended':
      return state.extension === null ? OK : no('alreadyExtended');
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
      // R-HEAR-4: an oral objection is answered in a protocol before anything is decided.
      if (hearing?.protocolRequired && hearing.protocol === null) return no('protocolRequired');
      // R-HEAR-6: the applicant read the protocol and may still file remarks.
      if (
        hearing?.familiarizedOn &&
        hearing.remarks === null &&
        options.hearingWindowOpen === true
      ) {
        return no('remarksWindowOpen');
      }
      const p = attempt.payload;
      if (p === undefined) return OK;
      if (p.outcome === 'refuse') {
        // R-HEAR-1: no refusal without the preliminary notice and the invitation to a hearing.
        if (hearing === null) return no('refusalWithoutNotice');
        if (options.earliestRefusalDate !== undefined && p.date < options.earliestRefusalDate) {
          return no('refusalTooEarly');
        }
      }
      if (hearing?.remarks && (p.remarksConsideration ?? '').trim() === '') {
        return no('remarksNotConsidered');
      }
      return OK;
    }
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
    case 'ForwardedToDistrict':
    case 'ReceivedByDistrict':
    case 'IncomeComputed':
    case 'PreliminaryRefusalNoticed':
    case 'ResultSigned':
    case 'CertificateIssued':
    case 'ReturnedToAkimat':
    case 'DistrictResultRecorded':
    case 'ResultIssued':
    case 'Withdrawn':
      return OK;
  }
}

/**
 * May `role` append an event of `type` to a case in `state`? Checks the table, then the rules that the
 * state (and, when given, the payload and the calendar answers in `options`) decide.
 */
export function canAppend<T extends CaseEventType>(
  state: CaseState,
  type: T,
  role: CaseRole,
  options: AppendOptions<T> = {},
): AppendCheck {
  const table = tableCheck(state, type, role);
  if (!table.ok) return table;
  // Sound: payload is PayloadOf<T> for the same T as type.
  const attempt = { type, payload: options.payload } as Attempt;
  return ruleCheck(state, attempt, role, options);
}

/** canAppend for a whole event: its type, its actor's role, its payload, and its case. */
export function checkEvent(
  state: CaseState,
  event: CaseEvent,
  options: RuleOptions = {},
): AppendCheck {
  if (state.caseId !== null && event.caseId !== state.caseId) return no('wrongCase');
  return canAppend(state, event.type, event.actor.role, { ...options, payload: event.payload });
}

/** The event types `role` may append now, in the order of a case's life. */
export function allowedEvents(
  state: CaseState,
  role: CaseRole,
  options: RuleOptions = {},
): CaseEventType[] {
  return CASE_EVENT_TYPES.filter((type) => canAppend(state, type, role, options).ok);
}
