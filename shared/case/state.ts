// The state of a case as the fold derives it. Plain data, rebuilt from the log at any time; nothing here
// is stored on its own.
import { datePart, type LocalDate, type LocalDateTime } from '../time';
import type {
  Applicant,
  CaseEvent,
  CaseEventType,
  Channel,
  DecisionOutcome,
  PayloadOf,
  Representative,
  Route,
} from './events';
import type { ApplicationData, CorrectionRecord } from './application';
import type { ConflictReason } from './messages';

export const CASE_STAGES = [
  'new',
  'notAccepted',
  'registered',
  'resolutionImposed',
  'atCommission',
  'commissionDone',
  'forwarded',
  'atDistrict',
  /** R-ROUTE-6 [I]: sent back by the district for a missing document; the akimat holds it again. */
  'returnedForCompletion',
  'hearing',
  'decided',
  'signed',
  'returned',
  'issued',
  'withdrawn',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Stages after which nothing but acknowledging a conflict happens. */
export const TERMINAL_STAGES: readonly CaseStage[] = ['notAccepted', 'issued', 'withdrawn'];

/** R-DEC-1: the decision is app. 5; its notice is app. 6 for a grant, app. 7 for a refusal (003:47-48). */
export type NoticeForm = 'app6' | 'app7';

export function noticeFormFor(decision: { readonly outcome: DecisionOutcome }): NoticeForm {
  switch (decision.outcome) {
    case 'grant':
      return 'app6';
    case 'refuse':
      return 'app7';
  }
}

/**
 * How the decision notice reaches the applicant: SMS when the number is in the mobile citizens'
 * database (R-DEC-2, 003:49), else the portal's personal cabinet for portal applications (003:51),
 * else a printed notice kept for pickup (R-DEC-3, 003:50).
 */
export type NotificationChannel = 'sms' | 'personalCabinet' | 'printForPickup';

export function notificationChannelFor(
  applicant: Applicant,
  channel: Channel | null,
): NotificationChannel {
  if (applicant.inMobileCitizensDb && applicant.phone !== undefined) return 'sms';
  if (channel === 'portal') return 'personalCabinet';
  return 'printForPickup';
}

export interface CaseConflict {
  readonly event: CaseEvent;
  readonly reason: ConflictReason;
  /** Set once a ConflictAcknowledged event names this conflict. */
  readonly acknowledgedBy: string | null;
}

/** R-STAT-2: one entry whenever the stage, the suspension or the due date changes. */
export interface StatusChange {
  readonly at: LocalDateTime;
  readonly eventId: string;
  readonly type: CaseEventType;
  readonly stage: CaseStage;
  readonly suspended: boolean;
  readonly dueDate: LocalDate | null;
}

export interface Suspension {
  readonly from: LocalDateTime;
  readonly to: LocalDateTime | null;
  readonly reason: string;
  /** The rule-set's suspension ground (catalog suspensionGrounds); absent on version-1 events. */
  readonly groundCode: string | null;
}

/** R-ROUTE-6 [I]: one return of the case to the akimat for a missing document. */
export interface CompletionReturn {
  readonly eventId: string;
  readonly at: LocalDateTime;
  readonly byUserId: string;
  readonly missingDocuments: PayloadOf<'ReturnedForCompletion'>['missingDocuments'];
  readonly note: string | null;
  readonly outgoingNumber: string | null;
  /** When the akimat first corrected the application after this return. */
  readonly correctedAt: LocalDateTime | null;
  /** When the akimat forwarded the completed case again (in a new covering register). */
  readonly forwardedAgainAt: LocalDateTime | null;
}

export interface HearingState {
  readonly notice: PayloadOf<'PreliminaryRefusalNoticed'>;
  readonly noticedAt: LocalDateTime;
  /** R-HEAR-3: the day the applicant received the notice; the objection window counts from it. */
  readonly noticeReceivedOn: LocalDate | null;
  readonly objection: PayloadOf<'ObjectionFiled'> | null;
  /** R-HEAR-4: an oral objection needs a protocol before the decision. */
  readonly protocolRequired: boolean;
  readonly protocol: PayloadOf<'HearingProtocolRecorded'> | null;
  /** R-HEAR-5: the day the applicant read the protocol; the remarks window counts from it. */
  readonly familiarizedOn: LocalDate | null;
  readonly remarks: PayloadOf<'RemarksFiled'> | null;
}

export type DecisionState = PayloadOf<'DecisionMade'> & {
  readonly noticeForm: NoticeForm;
  readonly decidedAt: LocalDateTime;
  readonly decidedBy: string;
};

export interface SignatureState {
  readonly at: LocalDateTime;
  readonly byUserId: string;
  readonly keyId: string;
  readonly documentDigest: string;
}

export interface CaseState {
  /** null until the first event is folded. */
  readonly caseId: string | null;
  /** The office that opened the case (the actor's office of the opening event). */
  readonly officeId: string | null;
  /** That office's district; null for cases opened before version 2. */
  readonly districtId: string | null;
  readonly stage: CaseStage;
  readonly route: Route | null;
  /** R-PRO-1: opened without an application. */
  readonly proactive: boolean;
  readonly serviceId: string | null;
  readonly ruleSetId: string | null;
  readonly channel: Channel | null;
  /** The applicant, or the recipient of proactive assistance. */
  readonly applicant: Applicant | null;
  readonly representative: Representative | null;
  readonly notificationChannel: NotificationChannel | null;
  /** The Registered payload as it was registered; corrections never change it (see `application`). */
  readonly intake: PayloadOf<'Registered'> | null;
  /**
   * The application as it stands: received (Registered or AcceptanceRefused), then every
   * ApplicationCorrected in log order. `applicant` and `representative` above are its current ones.
   */
  readonly application: ApplicationData | null;
  /** The corrections applied, in log order (shared/case/application: applicationHistory). */
  readonly corrections: readonly CorrectionRecord[];
  readonly acceptanceRefusal: PayloadOf<'AcceptanceRefused'> | null;
  readonly proactiveOpening: PayloadOf<'ProactiveCaseOpened'> | null;
  readonly registrationNumber: string | null;
  readonly registrationDate: LocalDate | null;
  readonly receivedAt: LocalDateTime | null;
  /**
   * The due date in force: the one set at registration (printed on the talon), or the latest extension
   * or re-planning by a person. Suspensions move it further; that is shared/schedule's work.
   */
  readonly dueDate: LocalDate | null;
  readonly resolution: PayloadOf<'ResolutionImposed'> | null;
  readonly commissionAct: PayloadOf<'CommissionActRecorded'> | null;
  /** The latest forwarding: after a return for completion, the new covering register's. */
  readonly forwarding: PayloadOf<'ForwardedToDistrict'> | null;
  /**
   * When the district department got the case it holds now: its latest receipt, else the latest
   * forwarding. Null before the first forwarding and while the case is back at the akimat for
   * completion (R-ROUTE-6 [I]): the district's steps count from the complete package (003:35).
   */
  readonly districtHandoverAt: LocalDateTime | null;
  /** Every return to the akimat for a missing document, in log order (R-ROUTE-6 [I]). */
  readonly completionReturns: readonly CompletionReturn[];
  /** The latest computation; a recomputation is a new IncomeComputed event. */
  readonly income: PayloadOf<'IncomeComputed'> | null;
  readonly hearing: HearingState | null;
  readonly decision: DecisionState | null;
  readonly certificate: PayloadOf<'CertificateIssued'> | null;
  readonly signature: SignatureState | null;
  readonly returned: PayloadOf<'ReturnedToAkimat'> | null;
  /** When and how the applicant was first told the result is ready (the issue step's start). */
  readonly resultReadyNotice: {
    readonly at: LocalDateTime;
    readonly way: PayloadOf<'ApplicantNotifiedResultReady'>['way'];
    readonly byUserId: string;
  } | null;
  readonly issue: PayloadOf<'ResultIssued'> | null;
  readonly withdrawal: PayloadOf<'Withdrawn'> | null;
  readonly suspended: boolean;
  readonly suspensions: readonly Suspension[];
  readonly extension: PayloadOf<'TermExtended'> | null;
  /** The latest re-planning after a calendar correction. */
  readonly replan: PayloadOf<'TermReplanned'> | null;
  /** Legal time of the first applied event of each type: the anchors of the deadline engine. */
  readonly stepTimes: Readonly<Partial<Record<CaseEventType, LocalDateTime>>>;
  readonly history: readonly StatusChange[];
  /** The events applied, in fold order (hlc, then id). */
  readonly events: readonly CaseEvent[];
  /** Events kept in the log but not applied, each with why. Never dropped. */
  readonly conflicts: readonly CaseConflict[];
  /** True while any conflict is not yet acknowledged by a person. */
  readonly flagged: boolean;
}

export const EMPTY_CASE: CaseState = {
  caseId: null,
  officeId: null,
  districtId: null,
  stage: 'new',
  route: null,
  proactive: false,
  serviceId: null,
  ruleSetId: null,
  channel: null,
  applicant: null,
  representative: null,
  notificationChannel: null,
  intake: null,
  application: null,
  corrections: [],
  acceptanceRefusal: null,
  proactiveOpening: null,
  registrationNumber: null,
  registrationDate: null,
  receivedAt: null,
  dueDate: null,
  resolution: null,
  commissionAct: null,
  forwarding: null,
  districtHandoverAt: null,
  completionReturns: [],
  income: null,
  hearing: null,
  decision: null,
  certificate: null,
  signature: null,
  returned: null,
  resultReadyNotice: null,
  issue: null,
  withdrawal: null,
  suspended: false,
  suspensions: [],
  extension: null,
  replan: null,
  stepTimes: {},
  history: [],
  events: [],
  conflicts: [],
  flagged: false,
};

/**
 * The day a proactive case was opened (R-PRO-1, 003:30: no application, so no registration date); null
 * for any other case. The journal dates such a case by it and the monthly report counts it received
 * on it.
 */
export function proactiveOpenedOn(state: CaseState): LocalDate | null {
  const opened = state.proactive ? state.stepTimes.ProactiveCaseOpened : undefined;
  return opened === undefined ? null : datePart(opened);
}

/** The holiday or memorable date a proactive case was opened for: its code, its name as typed, its day. */
export type ProactiveOccasion = PayloadOf<'ProactiveCaseOpened'>['occasion'];

/**
 * The occasion of a proactive case (R-PRO-1, 003:30: assistance for a holiday or memorable date,
 * without an application), or null for a case opened on an application (or refused at intake). The one
 * answer to "is this case proactive, and for what": the journal's row marks its number cell with it and
 * the documents (the decision of app. 5, the notice of app. 6/7) name it instead of an application.
 */
export function proactiveOccasion(state: CaseState): ProactiveOccasion | null {
  return state.proactive ? (state.proactiveOpening?.occasion ?? null) : null;
}
