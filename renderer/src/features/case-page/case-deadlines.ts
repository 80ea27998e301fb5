// The deadlines the case page shows, derived from the case's legal times, its rule-set and the
// working-day calendar at a given `now` (the desk clock, passed in). Pure: the same inputs always give
// the same answer, so it is tested with fixed dates.
import type { CaseEventType, CaseState } from '../../../../shared/case';
import { TERMINAL_STAGES } from '../../../../shared/case';
import type { WorkingCalendar } from '../../../../shared/calendar';
import {
  allRuleSets,
  ruleSetInForce,
  type ServiceDefinition,
  type Step,
} from '../../../../shared/catalog';
import {
  completionCheck,
  dueFor,
  EXTENSION_REASONS,
  onOrNextWorkingDay,
  PROCEDURAL_TERMS,
  registrationStart,
  stepStatuses,
  suspendedDays,
  termStatus,
  villageCommissionSendingDue,
  type Due,
  type ExtensionReason,
  type ExtensionRule,
  type StepState,
  type TermState,
} from '../../../../shared/deadlines';
import {
  addDays,
  datePart,
  type Duration,
  type LocalDate,
  type LocalDateTime,
} from '../../../../shared/time';

/** The service definition that governs the case: its own rule-set, else the one in force then. */
export function serviceOfCase(state: CaseState): ServiceDefinition | null {
  if (state.serviceId === null) return null;
  const own = allRuleSets()
    .find((rs) => rs.id === state.ruleSetId)
    ?.services.find((s) => s.id === state.serviceId);
  if (own) return own;
  const date = state.registrationDate ?? state.receivedAt?.slice(0, 10) ?? null;
  if (date === null) return null;
  const found = ruleSetInForce(state.serviceId, date);
  return found.ok ? found.service : null;
}

/** termStatus, or null when the calendar has no data for the dates involved. */
function safeStatus(due: Due, now: LocalDateTime, calendar: WorkingCalendar): TermState | null {
  try {
    return termStatus(due, now, calendar);
  } catch {
    return null;
  }
}

export interface WholeTerm {
  /** The due point in force: the registered (or extended) due date moved by suspensions. */
  due: Due;
  /** The due date set at registration or by the extension, before suspensions. */
  baseDueDate: LocalDate;
  /** Status at `now` while the case is open; null once it is closed or without calendar data. */
  state: TermState | null;
  /** When the result was issued, and whether that was in time. */
  completed: { at: LocalDateTime; result: 'onTime' | 'late' } | null;
  /** Working (or calendar) days the term was suspended, which push the due date. */
  suspendedDays: number;
  suspendedSince: LocalDateTime | null;
  /** The term in minutes (the certificate, R-CERT-1): shown as a live countdown. */
  minutes: number | null;
}

export interface StepView {
  step: Step;
  /** null: the step is not part of the timed chain (no duration, an applicant's window, a condition that does not hold). */
  timed: StepState | null;
  completedAt: LocalDateTime | null;
  /** Whether the step's condition holds for this case; null when it has none or it is not known yet. */
  conditionHolds: boolean | null;
  /** A later step is done, so this one was passed over (e.g. no resolution before the certificate). */
  skipped: boolean;
  current: boolean;
}

export interface CommissionSending {
  /** R-ROUTE-1: 1 working day after the registration date. */
  due: LocalDate;
  state: TermState | null;
  sentAt: LocalDateTime | null;
  late: boolean;
}

export interface CaseExtension {
  rule: ExtensionRule;
  stepId: string;
}

export interface CaseDeadlines {
  whole: WholeTerm | null;
  steps: StepView[];
  current: StepView | null;
  commissionSending: CommissionSending | null;
  /** The 8 → 20 working-day extension, where the rule-set has one (R-ROUTE-4). */
  extension: CaseExtension | null;
}

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

function eventsOfStep(step: Step): readonly CaseEventType[] {
  if (step.id === 'sign') {
    return step.actor === 'districtHead'
      ? ['ResultSigned', 'DistrictResultRecorded']
      : ['CertificateIssued', 'ResultSigned'];
  }
  return STEP_EVENTS[step.id] ?? [];
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

/** Steps timed by the deadline engine: a duration, "within" timing, ours (not the applicant's). */
function isTimed(step: Step, holds: boolean | null): boolean {
  return (
    step.duration !== null &&
    step.timing === 'within' &&
    step.actor !== 'applicant' &&
    (step.condition === null || holds === true)
  );
}

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

function serviceTerm(service: ServiceDefinition | null): Duration | null {
  const route = service?.routes.akim;
  return route?.available ? (route.term?.duration ?? null) : null;
}

function wholeTerm(
  state: CaseState,
  service: ServiceDefinition | null,
  now: LocalDateTime,
  calendar: WorkingCalendar,
  open: boolean,
): WholeTerm | null {
  if (state.dueDate === null || state.receivedAt === null) return null;
  const term = serviceTerm(service);
  const issuedAt = state.stepTimes.ResultIssued ?? null;
  const suspendedSince = state.suspensions.find((s) => s.to === null)?.from ?? null;

  if (term?.unit === 'minutes' && state.extension === null) {
    // R-CERT-1: minutes from the moment the package was submitted (the registration moment).
    let due: Due;
    try {
      due = dueFor(term, registrationStart(state.receivedAt, calendar), calendar);
    } catch {
      return null;
    }
    return {
      due,
      baseDueDate: state.dueDate,
      state: open ? safeStatus(due, now, calendar) : null,
      completed: issuedAt ? { at: issuedAt, result: completionCheck(due, issuedAt) } : null,
      suspendedDays: 0,
      suspendedSince,
      minutes: term.amount,
    };
  }

  // A suspension pushes a day term by the days it lasted; an open one counts up to today.
  const unit = term?.unit === 'calendarDays' ? 'calendarDays' : 'workingDays';
  const { pushed, dueDate } = pushedBySuspensions(state, state.dueDate, unit, now, calendar);
  const due: Due = { kind: 'date', date: dueDate };
  return {
    due,
    baseDueDate: state.dueDate,
    state: open && suspendedSince === null ? safeStatus(due, now, calendar) : null,
    completed: issuedAt ? { at: issuedAt, result: completionCheck(due, issuedAt) } : null,
    suspendedDays: pushed,
    suspendedSince,
    minutes: null,
  };
}

function pushedBySuspensions(
  state: CaseState,
  base: LocalDate,
  unit: 'workingDays' | 'calendarDays',
  now: LocalDateTime,
  calendar: WorkingCalendar,
): { pushed: number; dueDate: LocalDate } {
  if (state.suspensions.length === 0) return { pushed: 0, dueDate: base };
  try {
    const periods = state.suspensions.map((s) => ({
      from: datePart(s.from),
      to: s.to === null ? datePart(now) : datePart(s.to),
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

function commissionSending(
  state: CaseState,
  service: ServiceDefinition | null,
  now: LocalDateTime,
  calendar: WorkingCalendar,
  open: boolean,
): CommissionSending | null {
  const vc = service?.akimProcess?.villageCommission;
  if (state.route !== 'akimToDistrict' || !vc || vc.participates === 'no') return null;
  if (state.registrationDate === null) return null;
  const sentAt = state.stepTimes.SentToCommission ?? null;
  // Forwarded without the commission: the ground did not call for it (R-ROUTE-1).
  if (sentAt === null && (state.stepTimes.ForwardedToDistrict !== undefined || !open)) return null;
  let due: LocalDate;
  try {
    due = villageCommissionSendingDue(state.registrationDate, calendar);
  } catch {
    return null;
  }
  const dueAt: Due = { kind: 'date', date: due };
  return {
    due,
    state: sentAt === null ? safeStatus(dueAt, now, calendar) : null,
    sentAt,
    late: completionCheck(dueAt, sentAt ?? now) === 'late',
  };
}

function chainStates(
  chained: readonly { step: Step; completedAt: LocalDateTime | null }[],
  receivedAt: LocalDateTime,
  now: LocalDateTime,
  calendar: WorkingCalendar,
): readonly StepState[] {
  try {
    const start = registrationStart(receivedAt, calendar);
    const completed: Record<string, LocalDateTime | undefined> = {};
    for (const s of chained) if (s.completedAt) completed[s.step.id] = s.completedAt;
    return stepStatuses(
      chained.flatMap((s) =>
        s.step.duration ? [{ id: s.step.id, duration: s.step.duration }] : [],
      ),
      start,
      now,
      calendar,
      completed,
    );
  } catch {
    return [];
  }
}

function stepViews(
  state: CaseState,
  service: ServiceDefinition | null,
  now: LocalDateTime,
  calendar: WorkingCalendar,
  open: boolean,
): StepView[] {
  const steps = service?.akimProcess?.steps ?? [];
  if (steps.length === 0 || state.receivedAt === null || state.route === 'district') return [];
  const base = steps.map((step) => {
    const holds = conditionHolds(step, state);
    return { step, holds, completedAt: completionOf(step, state), timed: isTimed(step, holds) };
  });
  const lastDone = base.reduce((last, s, i) => (s.timed && s.completedAt ? i : last), -1);
  const chained = base.filter((s, i) => s.timed && (s.completedAt !== null || i > lastDone));

  const states = chainStates(chained, state.receivedAt, now, calendar);
  const byId = new Map(states.map((s) => [s.id, s]));
  const currentId =
    open && !state.suspended ? chained.find((s) => s.completedAt === null)?.step.id : undefined;
  return base.map((s, i) => ({
    step: s.step,
    timed: byId.get(s.step.id) ?? null,
    completedAt: s.completedAt,
    conditionHolds: s.holds,
    skipped: s.timed && s.completedAt === null && i < lastDone,
    current: s.step.id === currentId,
  }));
}

/** Everything about time the case page shows. `now` is the office's wall clock. */
export function caseDeadlines(
  state: CaseState,
  now: LocalDateTime,
  calendar: WorkingCalendar,
): CaseDeadlines {
  const service = serviceOfCase(state);
  const open = !TERMINAL_STAGES.includes(state.stage) && state.stage !== 'new';
  const steps = stepViews(state, service, now, calendar, open);
  return {
    whole: wholeTerm(state, service, now, calendar, open),
    steps,
    current: steps.find((s) => s.current) ?? null,
    commissionSending: commissionSending(state, service, now, calendar, open),
    extension: extensionFor(service),
  };
}

/** R-ROUTE-1 as the SentToCommission form and the timeline judge a sending at `at`. */
export function commissionSendingCheck(
  registrationDate: LocalDate,
  at: LocalDateTime,
  calendar: WorkingCalendar,
): { due: LocalDate; late: boolean; workingDaysLate: number } | null {
  try {
    const due = villageCommissionSendingDue(registrationDate, calendar);
    const late = completionCheck({ kind: 'date', date: due }, at) === 'late';
    const status = termStatus({ kind: 'date', date: due }, at, calendar);
    return { due, late, workingDaysLate: late ? -status.workingDaysLeft : 0 };
  } catch {
    return null;
  }
}

export const COMMISSION_SENDING_TERM = PROCEDURAL_TERMS.villageCommissionSending;
