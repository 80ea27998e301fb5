// When a case is due: the one answer every screen, document, query and the hub use. What must stay true:
// - caseSchedule is a pure function of the case's log (its folded state) and the working-day calendar.
//   It does not know "now": every due point it gives is fixed by the log, so the journal row written
//   at an append holds the same answer the case page computes later. termStateOf turns a due point
//   into a status at a given moment, for the case page, the journal, the dashboard and the reminder.
// - The whole term is due on the date registration set (printed on the talon), or the one a person set
//   later by an extension or a re-planning. Finished suspensions push it by the days they lasted, in
//   the term's unit; while a suspension is open the term stands still ('suspended') and nothing of the
//   case is overdue.
// - A step is timed only where the case's own rule-set gives it a term (the catalog's akim process);
//   its owner is the side that must act: the akimat, the district department, or the applicant.
// - The akimat's issue step after the district's part (001:11148 / 4913: 15 minutes, "на месте в день
//   обращения", 001:11113) starts when the applicant was told the result is ready
//   (ApplicantNotifiedResultReady), never when the result arrived: until then it has no due point.
// - Who holds the case (holder) is the owner of the current step, else the side the stage puts it on:
//   from the forwarding to the district until the result comes back it is the district's, so a late
//   term or step there is the district's, never the akimat's; except while the district has sent the
//   case back for a missing document ('returnedForCompletion', R-ROUTE-6 [I]): then it is the akimat's,
//   and the district's steps count again from its next receipt of the completed package.
// - A due date is provisional when a day off it was counted over rests on an estimated date (Kurban
//   Ait 2027): the schedule lists those days, and every place that shows the date says so.
import {
  sideOfRole,
  TERMINAL_STAGES,
  TRANSITIONS,
  type CaseEventType,
  type CaseRole,
  type CaseStage,
  type CaseState,
  type Route,
} from '../case';
import type { WorkingCalendar } from '../calendar';
import {
  governingService,
  type NoticeTerm,
  type RouteKind,
  type ServiceDefinition,
  type Step,
} from '../catalog';
import {
  completionCheck,
  dueFor,
  dueFrom,
  EXTENSION_REASONS,
  onOrNextWorkingDay,
  suspendedDays,
  type Due,
  type ExtensionReason,
  type ExtensionRule,
  type StepStart,
} from '../deadlines';
import {
  addDays,
  datePart,
  isLocalDate,
  type Duration,
  type LocalDate,
  type LocalDateTime,
} from '../time';
import { catalogRoute, termStart } from './term-start';
import type { DayUnit } from './term-state';

/** running: the term counts; suspended: it stands still; closed: the case ended; noTerm: none set. */
export type TermPhase = 'running' | 'suspended' | 'closed' | 'noTerm';

/** Who must act for a step: the akimat, the district department, or the applicant. */
export type StepOwner = 'akimat' | 'district' | 'applicant';

export interface ScheduledStep {
  readonly step: Step;
  readonly owner: StepOwner;
  /** Part of the timed chain: a duration, "within" timing, not the applicant's, its condition holds. */
  readonly timed: boolean;
  /** The due point of a timed step (null for one that is not timed or whose chain has no start). */
  readonly due: Due | null;
  readonly start: StepStart | null;
  readonly completedAt: LocalDateTime | null;
  /** A completed timed step: done after its due point. */
  readonly late: boolean;
  /** Whether the step's condition holds for this case; null when it has none or it is not known yet. */
  readonly conditionHolds: boolean | null;
  /** A later step is done, so this one was passed over (e.g. no commission before forwarding). */
  readonly skipped: boolean;
  readonly current: boolean;
}

/** A notice term of the rule-set (001:9286 / 3109; 7163-7164 / 1295-1296) as it applies to the case. */
export interface NoticeDeadline {
  readonly term: NoticeTerm;
  /** The day the provider received the package, the term's anchor. */
  readonly anchor: LocalDate;
  readonly due: Due;
  /** When the refusal or suspension it answers was recorded; null while none was. */
  readonly doneAt: LocalDateTime | null;
  readonly late: boolean;
}

export interface CaseExtension {
  readonly rule: ExtensionRule;
  readonly stepId: string;
}

export interface CaseSchedule {
  readonly phase: TermPhase;
  /** The whole term's due point in force (pushed by finished suspensions); null without a term. */
  readonly due: Due | null;
  /** The due point registration set, as the talon printed it. */
  readonly registeredDue: Due | null;
  /** The due date set at registration, by an extension or by a re-planning, before suspensions. */
  readonly baseDueDate: LocalDate | null;
  /** Working (or calendar) days of finished suspensions, which push the due date. */
  readonly suspendedDays: number;
  readonly suspendedSince: LocalDateTime | null;
  /** When the result was issued, and whether that was in time. */
  readonly completed: { readonly at: LocalDateTime; readonly result: 'onTime' | 'late' } | null;
  /** The term in minutes (the certificate, R-CERT-1), or null for a day term. */
  readonly minutes: number | null;
  /** The days a day term is counted in (the service's term in the catalog, as its act states it). */
  readonly dayUnit: DayUnit;
  /** Estimated days off the due date was counted over: the due date may still move. */
  readonly provisionalDays: readonly LocalDate[];
  readonly steps: readonly ScheduledStep[];
  /** The first timed step not done yet, while the term runs. */
  readonly current: ScheduledStep | null;
  /** While the term runs, the side that must act now (see holderOf); null otherwise. */
  readonly holder: StepOwner | null;
  /** The desk role that records the current step's act (see stepRole); null without one. */
  readonly currentRole: CaseRole | null;
  readonly notices: readonly NoticeDeadline[];
  /** The 8 → 20 working-day extension, where the rule-set has one (R-ROUTE-4). */
  readonly extension: CaseExtension | null;
}

// ---- the service and its route --------------------------------------------------------------------

/** The service definition that governs the case: its own rule-set, else the one in force then. */
export function caseService(state: CaseState): ServiceDefinition | null {
  if (state.serviceId === null) return null;
  const date = state.registrationDate ?? (state.receivedAt ? datePart(state.receivedAt) : null);
  return governingService(state.serviceId, state.ruleSetId, date);
}

/** The catalog route a case travels (see catalogRoute). */
export function catalogRouteOf(state: CaseState): RouteKind {
  return catalogRoute(state.route, state.channel);
}

function serviceTerm(service: ServiceDefinition | null, route: RouteKind): Duration | null {
  const r = service?.routes[route];
  return r?.available ? (r.term?.duration ?? null) : null;
}

// ---- steps ----------------------------------------------------------------------------------------

// Which events complete a step of the catalog's akim process. Step ids are the catalog's; the same id
// can mean different acts for different actors ('sign' is the district head's notice or the akim's
// certificate), so the actor decides where it matters.
const STEP_EVENTS: Readonly<Record<string, readonly CaseEventType[]>> = {
  apply: ['Registered'],
  'accept-register': ['Registered'],
  'accept-issue-coupon': ['Registered'],
  register: ['Registered'],
  'check-package': ['Registered'],
  'request-is-data': ['Registered'],
  'obtain-consent': ['Registered'],
  resolution: ['ResolutionImposed'],
  'form-case': ['SentToCommission', 'ForwardedToDistrict'],
  'send-to-village-commission': ['SentToCommission'],
  'commission-examination': ['CommissionActRecorded'],
  'forward-to-district': ['ForwardedToDistrict'],
  'register-forward': ['ForwardedToDistrict'],
  review: ['ForwardedToDistrict', 'DecisionMade', 'DistrictResultRecorded'],
  'per-capita-income': ['IncomeComputed', 'DecisionMade', 'DistrictResultRecorded'],
  'special-commission': ['DecisionMade', 'DistrictResultRecorded'],
  'prepare-notice': ['DecisionMade', 'DistrictResultRecorded'],
  decision: ['DecisionMade', 'DistrictResultRecorded'],
  'preliminary-refusal-notice': ['PreliminaryRefusalNoticed'],
  objection: ['ObjectionFiled'],
  'hearing-protocol': ['HearingProtocolRecorded'],
  remarks: ['RemarksFiled'],
  'register-result': ['ResultSigned', 'DistrictResultRecorded'],
  notify: ['ResultSigned', 'DistrictResultRecorded'],
  'return-to-akim': ['ReturnedToAkimat', 'DistrictResultRecorded'],
  'prepare-certificate': ['CertificateIssued'],
  'issue-certificate': ['ResultIssued'],
  'issue-result': ['ResultIssued'],
  'register-issue': ['ResultIssued'],
};

/** The district's first acts on a case: any of them shows it has formed the case (001:7402 / 1500). */
const DISTRICT_FIRST_ACTS: readonly CaseEventType[] = [
  'IncomeComputed',
  'PreliminaryRefusalNoticed',
  'DecisionMade',
  'DistrictResultRecorded',
];

/** The events whose first occurrence completes a step of the catalog's process. */
export function eventsOfStep(step: Step): readonly CaseEventType[] {
  // 'form-case' is the akimat's executor sending the file on (TSA, 001:11262) or the district forming
  // the case it received (child benefit, 001:7402 / 1500).
  if (step.id === 'form-case' && stepOwner(step) === 'district') return DISTRICT_FIRST_ACTS;
  if (step.id === 'sign') {
    return step.actor === 'districtHead'
      ? ['ResultSigned', 'DistrictResultRecorded']
      : ['CertificateIssued', 'ResultSigned'];
  }
  return STEP_EVENTS[step.id] ?? [];
}

/** The commission of the district (special commission, 003:36) acts for the district department. */
const DISTRICT_COMMISSION_STEPS: ReadonlySet<string> = new Set(['special-commission']);

export function stepOwner(step: Step): StepOwner {
  switch (step.actor) {
    case 'applicant':
      return 'applicant';
    case 'specialist':
    case 'akim':
    case 'executor':
      return 'akimat';
    case 'commission':
      return DISTRICT_COMMISSION_STEPS.has(step.id) ? 'district' : 'akimat';
    case 'district':
    case 'districtHead':
      return 'district';
  }
}

function completionOf(step: Step, state: CaseState): LocalDateTime | null {
  const times = eventsOfStep(step)
    .map((type) => state.stepTimes[type])
    .filter((t): t is LocalDateTime => t !== undefined)
    .sort();
  return times[0] ?? null;
}

function conditionHolds(step: Step, state: CaseState): boolean | null {
  const code = step.condition?.code;
  if (code === undefined) return null;
  const t = state.stepTimes;
  switch (code) {
    case 'villageCommissionGround':
      if (t.SentToCommission !== undefined || t.CommissionActRecorded !== undefined) return true;
      return t.ForwardedToDistrict !== undefined ? false : null;
    case 'refusalGroundsFound':
      if (state.hearing !== null || state.decision?.outcome === 'refuse') return true;
      return state.decision !== null ? false : null;
    case 'oralObjection':
      if (state.hearing?.objection) return state.hearing.objection.form === 'oral';
      return state.decision !== null ? false : null;
    case 'portalApplication':
      return state.channel === null ? null : state.channel === 'portal';
    default:
      return null;
  }
}

function isTimed(step: Step, holds: boolean | null): boolean {
  return (
    step.duration !== null &&
    step.timing === 'within' &&
    step.actor !== 'applicant' &&
    (step.condition === null || holds === true)
  );
}

function scheduledSteps(
  state: CaseState,
  service: ServiceDefinition | null,
  start: { date: LocalDate; at: LocalDateTime } | null,
  running: boolean,
  calendar: WorkingCalendar,
): ScheduledStep[] {
  const steps = service?.akimProcess?.steps ?? [];
  if (steps.length === 0 || start === null || state.route === 'district') return [];
  const base = steps.map((step) => {
    const holds = conditionHolds(step, state);
    return { step, holds, completedAt: completionOf(step, state), timed: isTimed(step, holds) };
  });
  const lastDone = base.reduce((last, s, i) => (s.timed && s.completedAt ? i : last), -1);
  const chained = base.filter((s, i) => s.timed && (s.completedAt !== null || i > lastDone));
  const dues = chainDues(
    chained,
    start,
    handover(state),
    state.route === 'akimToDistrict'
      ? (state.stepTimes.ApplicantNotifiedResultReady ?? null)
      : undefined,
    calendar,
  );
  // R-ROUTE-6 [I]: back at the akimat for a missing document, the akimat completes the package and
  // forwards it again, which is no step of the catalog's process: no step is current, and the akimat
  // holds the case (holderOf).
  const currentId =
    running && state.stage !== 'returnedForCompletion'
      ? chained.find((s) => s.completedAt === null && dues.has(s.step.id))?.step.id
      : undefined;
  return base.map((s, i) => {
    const placed = dues.get(s.step.id);
    const due = placed?.due ?? null;
    return {
      step: s.step,
      owner: stepOwner(s.step),
      timed: s.timed,
      due,
      start: placed?.start ?? null,
      completedAt: s.completedAt,
      late:
        due !== null && s.completedAt !== null && completionCheck(due, s.completedAt) === 'late',
      conditionHolds: s.holds,
      skipped: s.timed && s.completedAt === null && i < lastDone,
      current: s.step.id === currentId,
    };
  });
}

/**
 * When the district department got the case: its receipt, else the akimat's forwarding; after a return
 * for completion, the receipt (or forwarding) of the completed package, since the district's 1 working
 * day for the income counts from the documents it received (003:35, R-ROUTE-2).
 */
function handover(state: CaseState): LocalDateTime | null {
  return state.districtHandoverAt;
}

/**
 * The due points of the timed steps, one after another. A step starts when the previous one was
 * completed if it was, otherwise when the previous one was due (a late step does not shorten the
 * next; an early finish gives the next its full term). The district's part of an akim-route case
 * starts when the district got the case: before that its steps have no due point yet.
 */
function chainDues(
  chained: readonly { step: Step; completedAt: LocalDateTime | null }[],
  start: { date: LocalDate; at: LocalDateTime },
  districtGotIt: LocalDateTime | null,
  /**
   * When the applicant was told the result is ready (null: not yet), on a route where the result
   * comes back from the district; undefined on other routes, whose issue step chains as any other.
   */
  notifiedAt: LocalDateTime | null | undefined,
  calendar: WorkingCalendar,
): ReadonlyMap<string, { due: Due; start: StepStart }> {
  const out = new Map<string, { due: Due; start: StepStart }>();
  let from: StepStart | null = { date: start.date, at: start.at };
  let side: StepOwner = 'akimat';
  for (const { step, completedAt } of chained) {
    if (step.duration === null) continue;
    const owner = stepOwner(step);
    if (owner === 'district' && side !== 'district') {
      side = 'district';
      from = districtGotIt === null ? null : { date: datePart(districtGotIt), at: districtGotIt };
    }
    if (notifiedAt !== undefined && startsAtNotice(step)) {
      // 001:11148 / 4913: the issue runs from the applicant's notice, not from the previous step.
      from = notifiedAt === null ? null : { date: datePart(notifiedAt), at: notifiedAt };
    }
    if (from === null) {
      // Not placed yet; a completed step still gives the next its start.
      if (completedAt !== null) from = { date: datePart(completedAt), at: completedAt };
      continue;
    }
    let due: Due;
    try {
      due = dueFrom(step.duration, from.date, from.at, calendar);
    } catch {
      // The calendar has no data for a year the chain reaches: no later step can be placed.
      return out;
    }
    out.set(step.id, { due, start: from });
    from =
      completedAt !== null
        ? { date: datePart(completedAt), at: completedAt }
        : due.kind === 'dateTime'
          ? { date: datePart(due.at), at: due.at }
          : { date: due.date, at: null };
  }
  return out;
}

/** The akimat hands the result to the applicant: the step that starts at the applicant's notice. */
export function startsAtNotice(step: Step): boolean {
  return stepOwner(step) === 'akimat' && eventsOfStep(step).includes('ResultIssued');
}

/**
 * The desk role that records the act completing a step on a route: the transition table's role, on
 * the step owner's side, for the first of the step's events that the route allows (the akim imposes
 * the resolution and signs a certificate; the specialist records sending, the act, the forwarding
 * and the issue, even where the regulation names the akim as the one who issues). Null for the
 * applicant's steps and for steps no desk role records.
 */
export function stepRole(step: Step, route: Route | null): CaseRole | null {
  const owner = stepOwner(step);
  if (owner === 'applicant') return null;
  for (const type of eventsOfStep(step)) {
    for (const row of TRANSITIONS) {
      if (row.type !== type) continue;
      if (row.routes !== undefined && (route === null || !row.routes.includes(route))) continue;
      const role = row.roles.find((r) => sideOfRole(r) === owner);
      if (role !== undefined) return role;
    }
  }
  return null;
}

/** Stages of the akim route in which the district department holds the case. */
const DISTRICT_HOLDS: readonly CaseStage[] = [
  'forwarded',
  'atDistrict',
  'hearing',
  'decided',
  'signed',
];

/**
 * Who must act on a running case now: the current step's owner, else the side its stage puts it on.
 * From the forwarding until the result comes back (ReturnedToAkimat / DistrictResultRecorded) an
 * akim-route case is the district's, except while the district has sent it back for a missing
 * document ('returnedForCompletion', R-ROUTE-6 [I]): then it is the akimat's again.
 */
export function holderOf(state: CaseState, current: ScheduledStep | null): StepOwner {
  if (current !== null) return current.owner;
  switch (state.route) {
    case 'district':
      return 'district';
    case 'akimLocal':
    case null:
      return 'akimat';
    case 'akimToDistrict':
      return DISTRICT_HOLDS.includes(state.stage) ? 'district' : 'akimat';
  }
}

// ---- the 8 → 20 working-day extension (R-ROUTE-4) -----------------------------------------------

const EXTENSION_CODE: Readonly<Record<string, ExtensionReason>> = {
  missing: 'documentsMissing',
  damaged: 'documentsDamaged',
  lost: 'documentsLost',
};

/**
 * The lengthened term a step of this rule-set allows (000:50, R-ROUTE-4: 8 → 20 working days when
 * documents are missing, damaged or lost), or null: most rule-sets have none, and then the term
 * cannot be extended.
 */
export function extensionFor(service: ServiceDefinition | null): CaseExtension | null {
  for (const step of service?.akimProcess?.steps ?? []) {
    for (const alt of step.alternatives) {
      const reasons = alt.reasonCodes
        .map((code) => EXTENSION_CODE[code] ?? EXTENSION_REASONS.find((r) => r === code))
        .filter((r): r is ExtensionReason => r !== undefined);
      if (step.duration === null || reasons.length === 0) continue;
      return {
        stepId: step.id,
        rule: {
          standard: step.duration,
          extended: alt.duration,
          reasons,
          rule: 'R-ROUTE-4',
          source: alt.sources.map((s) => `seed ${s.seed}:${s.lines.join(',')}`).join('; '),
        },
      };
    }
  }
  return null;
}

/**
 * The new due date of an extension: the whole term grows by what the step gains (12 working days for
 * 8 → 20). Null when the two durations are not in the same unit, which no rule-set has.
 */
export function extendedDueDate(
  currentDue: LocalDate,
  rule: ExtensionRule,
  calendar: WorkingCalendar,
): LocalDate | null {
  if (rule.standard.unit !== rule.extended.unit) return null;
  const gain = rule.extended.amount - rule.standard.amount;
  if (gain <= 0) return currentDue;
  switch (rule.extended.unit) {
    case 'workingDays':
      return calendar.addWorkingDays(currentDue, gain);
    case 'calendarDays':
      return onOrNextWorkingDay(addDays(currentDue, gain), calendar);
    case 'minutes':
      return null;
  }
}

// ---- notices of refusal or suspension (001:9286 / 3109; 7163-7164 / 1295-1296) ---------------------

function noticeDoneAt(state: CaseState, term: NoticeTerm): LocalDateTime | null {
  const refusedAt = state.decision?.outcome === 'refuse' ? state.decision.decidedAt : null;
  const suspendedAt = state.suspensions[0]?.from ?? null;
  const candidates =
    term.when === 'refusalOrSuspension'
      ? [refusedAt, suspendedAt]
      : term.when === 'refusal'
        ? [refusedAt]
        : [];
  return candidates.filter((t): t is LocalDateTime => t !== null).sort()[0] ?? null;
}

function noticeDeadlines(
  state: CaseState,
  service: ServiceDefinition | null,
  route: RouteKind,
  calendar: WorkingCalendar,
): NoticeDeadline[] {
  const terms = (service?.noticeTerms ?? []).filter(
    (t) => t.routes === null || t.routes.includes(route),
  );
  // The provider's office received the package when it registered it (the akim for the akim route,
  // the district department for the Centre's packages).
  const received = state.stepTimes.Registered;
  if (terms.length === 0 || received === undefined) return [];
  const anchor = datePart(received);
  return terms.flatMap((term) => {
    let due: Due;
    try {
      due = dueFrom(term.duration, anchor, null, calendar);
    } catch {
      return [];
    }
    const doneAt = noticeDoneAt(state, term);
    return [
      {
        term,
        anchor,
        due,
        doneAt,
        late: doneAt !== null && completionCheck(due, doneAt) === 'late',
      },
    ];
  });
}

// ---- the whole term -------------------------------------------------------------------------------

/** The due point registration set: the talon's date, or the moment for a minute term. */
function registeredDueOf(
  state: CaseState,
  term: Duration | null,
  service: ServiceDefinition | null,
  calendar: WorkingCalendar,
): Due | null {
  const stated = state.intake?.dueDate ?? state.proactiveOpening?.dueDate ?? null;
  // A log that is not valid (never stored by the store, but read from elsewhere) has no due date.
  const registered = stated !== null && isLocalDate(stated) ? stated : null;
  if (term?.unit === 'minutes' && state.receivedAt !== null) {
    // R-CERT-1: minutes from handing in the package (002:10).
    try {
      return dueFor(term, termStart(service, state.receivedAt, calendar), calendar);
    } catch {
      return registered === null ? null : { kind: 'date', date: registered };
    }
  }
  return registered === null ? null : { kind: 'date', date: registered };
}

function pushedBySuspensions(
  state: CaseState,
  base: LocalDate,
  unit: 'workingDays' | 'calendarDays',
  calendar: WorkingCalendar,
): { pushed: number; dueDate: LocalDate } {
  const finished = state.suspensions.filter(
    (s): s is typeof s & { to: LocalDateTime } => s.to !== null,
  );
  if (finished.length === 0) return { pushed: 0, dueDate: base };
  try {
    const periods = finished.map((s) => ({
      from: datePart(s.from),
      to: datePart(s.to),
      reason: s.reason,
    }));
    const pushed = suspendedDays(periods, unit, calendar);
    if (pushed === 0) return { pushed, dueDate: base };
    const dueDate =
      unit === 'workingDays'
        ? calendar.addWorkingDays(base, pushed)
        : onOrNextWorkingDay(addDays(base, pushed), calendar);
    return { pushed, dueDate };
  } catch {
    return { pushed: 0, dueDate: base };
  }
}

function provisionalBetween(
  from: LocalDate,
  due: Due | null,
  calendar: WorkingCalendar,
): LocalDate[] {
  if (due === null) return [];
  const to = due.kind === 'date' ? due.date : datePart(due.at);
  if (to < from) return [];
  return calendar.provisionalDaysOff(from, to).map((d) => d.date);
}

/** Everything about when the case is due, from its log and the calendar. */
export function caseSchedule(state: CaseState, calendar: WorkingCalendar): CaseSchedule {
  const service = caseService(state);
  const route = catalogRouteOf(state);
  const term = serviceTerm(service, route);
  const closed = TERMINAL_STAGES.includes(state.stage) || state.stage === 'new';
  const suspendedSince = state.suspensions.find((s) => s.to === null)?.from ?? null;
  const registeredDue = registeredDueOf(state, term, service, calendar);
  const start = state.receivedAt === null ? null : safeStart(service, state.receivedAt, calendar);

  // The due point in force: a person's later date (extension, re-planning) wins over registration's.
  const personSet = state.replan !== null || state.extension !== null;
  const baseDueDate = state.dueDate;
  let due: Due | null =
    personSet && baseDueDate !== null ? { kind: 'date', date: baseDueDate } : registeredDue;
  let pushed = 0;
  if (due !== null && due.kind === 'date') {
    const unit = term?.unit === 'calendarDays' ? 'calendarDays' : 'workingDays';
    const moved = pushedBySuspensions(state, due.date, unit, calendar);
    pushed = moved.pushed;
    due = { kind: 'date', date: moved.dueDate };
  }
  const phase: TermPhase = closed
    ? 'closed'
    : suspendedSince !== null
      ? 'suspended'
      : due === null
        ? 'noTerm'
        : 'running';
  const steps = scheduledSteps(state, service, start, phase === 'running', calendar);
  const issuedAt = state.stepTimes.ResultIssued ?? null;
  const current = steps.find((s) => s.current) ?? null;
  return {
    phase,
    due,
    registeredDue,
    baseDueDate,
    suspendedDays: pushed,
    suspendedSince,
    completed: issuedAt && due ? { at: issuedAt, result: completionCheck(due, issuedAt) } : null,
    minutes: term?.unit === 'minutes' ? term.amount : null,
    dayUnit: term?.unit === 'calendarDays' ? 'calendarDays' : 'workingDays',
    provisionalDays: start ? provisionalBetween(start.date, due, calendar) : [],
    steps,
    current,
    holder: phase === 'running' ? holderOf(state, current) : null,
    currentRole: current === null ? null : stepRole(current.step, state.route),
    notices: noticeDeadlines(state, service, route, calendar),
    extension: extensionFor(service),
  };
}

function safeStart(
  service: ServiceDefinition | null,
  receivedAt: LocalDateTime,
  calendar: WorkingCalendar,
): { date: LocalDate; at: LocalDateTime } | null {
  try {
    return termStart(service, receivedAt, calendar);
  } catch {
    return null;
  }
}

/** The step the schedule waits for that an event of `type` would complete now, if there is one. */
export function stepAwaiting(schedule: CaseSchedule, type: CaseEventType): ScheduledStep | null {
  return (
    schedule.steps.find(
      (s) =>
        s.due !== null &&
        s.completedAt === null &&
        !s.skipped &&
        eventsOfStep(s.step).includes(type),
    ) ?? null
  );
}

/** The steps an event completed late: its legal time was past their due points. */
export function stepsDoneLateBy(
  schedule: CaseSchedule,
  event: { readonly type: CaseEventType; readonly legalTime: LocalDateTime },
): readonly ScheduledStep[] {
  return schedule.steps.filter(
    (s) => s.late && s.completedAt === event.legalTime && eventsOfStep(s.step).includes(event.type),
  );
}
