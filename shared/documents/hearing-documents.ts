// The documents of the refusal hearing and of the decision at the district department (seed 003:38-47):
// the preliminary refusal notice with the invitation to the hearing (APPC art. 73), the hearing
// protocol, and the decision on providing (refusing) social assistance (appendix 5). What must stay true:
// - Content comes from the log only (a folded case and its events) and the office profile, like the
//   signed documents of document-content.ts; the print views render it in kk or ru.
// - The objection deadline is the one shared/deadlines/hearing.ts computes (R-HEAR-3, 003:43), from
//   the day the applicant received the notice; while that day is not known, no date is printed, only
//   the term in working days.
// - Pure: the working-day calendar is a parameter.
import type { WorkingCalendar } from '../calendar';
import { proactiveOccasion, type CaseState, type HearingMode, type PayloadOf } from '../case';
import { objectionDeadline, PROCEDURAL_TERMS } from '../deadlines';
import type { OfficeProfile } from '../office';
import type { LocalDate, LocalDateTime } from '../time';
import {
  applicantContent,
  decisionContent,
  occasionContent,
  officeContent,
  type NoticeDecisionContent,
  type OccasionContent,
  type OfficeContent,
  type PersonContent,
} from './document-content';

function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new RangeError(`The case has no ${what}`);
  return value;
}

type ApplicantWithAddress = PersonContent & { readonly address: string };

/**
 * The application the hearing documents speak of: absent for proactive assistance (003:30), whose
 * occasion they name instead (shared/case proactiveOccasion, as the notice of the result does).
 */
interface CaseHeadContent {
  readonly caseId: string;
  readonly registrationNumber: string | undefined;
  readonly registrationDate: LocalDate | undefined;
  /** The holiday or memorable date a proactive case was opened for; undefined for any other case. */
  readonly occasion: OccasionContent | undefined;
  readonly serviceId: string;
  readonly applicant: ApplicantWithAddress;
  /** The applicant's representative as the application names them, if any. */
  readonly representative: string | undefined;
  readonly office: OfficeContent;
}

function caseHead(state: CaseState, office: OfficeProfile): CaseHeadContent {
  const applicant = present(state.applicant, 'applicant');
  const occasion = proactiveOccasion(state);
  return {
    caseId: present(state.caseId, 'id'),
    registrationNumber: state.registrationNumber ?? undefined,
    registrationDate: state.registrationDate ?? undefined,
    occasion: occasion === null ? undefined : occasionContent(occasion),
    serviceId: present(state.serviceId, 'service'),
    applicant: { ...applicantContent(applicant), address: applicant.address },
    representative: state.representative?.name,
    office: officeContent(office),
  };
}

// ---- the preliminary refusal notice and invitation to the hearing (003:38-43) ----------------------

export type PreliminaryRefusalNoticeContent = CaseHeadContent & {
  readonly type: 'preliminaryRefusalNotice';
  readonly version: 1;
  readonly noticeDate: LocalDate;
  readonly grounds: readonly { readonly code: string; readonly text: string }[];
  readonly hearing: {
    readonly at: LocalDateTime;
    readonly mode: HearingMode;
    readonly details: string | undefined;
  };
  /** R-HEAR-3: the term of the objection, in working days from the day of receipt (003:43). */
  readonly objectionWorkingDays: number;
  /** The day the applicant received the notice, once known. */
  readonly receivedOn: LocalDate | undefined;
  /** The last day of the objection window, once the day of receipt is known. */
  readonly objectionDeadline: LocalDate | undefined;
};

/**
 * The notice of the preliminary decision to refuse, which also invites the applicant to the hearing
 * (APPC art. 73; R-HEAR-1, R-HEAR-2, R-HEAR-3). Throws for a case with no such notice (a caller's bug).
 */
export function preliminaryRefusalNoticeDocument(
  state: CaseState,
  office: OfficeProfile,
  calendar: WorkingCalendar,
): PreliminaryRefusalNoticeContent {
  const hearing = present(state.hearing, 'preliminary refusal notice');
  const notice = hearing.notice;
  const receivedOn = hearing.noticeReceivedOn ?? undefined;
  return {
    type: 'preliminaryRefusalNotice',
    version: 1,
    ...caseHead(state, office),
    noticeDate: notice.noticeDate,
    grounds: notice.grounds.map((g) => ({ code: g.code, text: g.text })),
    hearing: { at: notice.hearing.at, mode: notice.hearing.mode, details: notice.hearing.details },
    objectionWorkingDays: PROCEDURAL_TERMS.objectionWindow.term.amount,
    receivedOn,
    objectionDeadline:
      receivedOn === undefined ? undefined : objectionDeadline(receivedOn, calendar),
  };
}

// ---- the hearing protocol (003:44-46) ------------------------------------------------------------

export type HearingProtocolContent = CaseHeadContent & {
  readonly type: 'hearingProtocol';
  readonly version: 1;
  readonly protocol: {
    readonly date: LocalDate;
    readonly number: string | undefined;
    readonly summary: string;
  };
  /** What the hearing was about: the preliminary notice and its grounds. */
  readonly noticeDate: LocalDate;
  readonly grounds: readonly { readonly code: string; readonly text: string }[];
  readonly hearing: { readonly at: LocalDateTime; readonly mode: HearingMode };
  /** The objection that was heard (R-HEAR-4: an oral one needs this protocol). */
  readonly objection: PayloadOf<'ObjectionFiled'> | undefined;
  /** Who was heard: the applicant, and their representative when the application names one. */
  readonly heard: readonly string[];
  /** R-HEAR-5: the day the applicant read the protocol, once recorded (003:45). */
  readonly familiarizedOn: LocalDate | undefined;
  readonly remarks: PayloadOf<'RemarksFiled'> | undefined;
};

/** The protocol of the hearing (тыңдау хаттамасы, 003:44). Throws for a case without one. */
export function hearingProtocolDocument(
  state: CaseState,
  office: OfficeProfile,
): HearingProtocolContent {
  const hearing = present(state.hearing, 'hearing');
  const protocol = present(hearing.protocol, 'hearing protocol');
  const head = caseHead(state, office);
  return {
    type: 'hearingProtocol',
    version: 1,
    ...head,
    protocol: { date: protocol.date, number: protocol.number, summary: protocol.summary },
    noticeDate: hearing.notice.noticeDate,
    grounds: hearing.notice.grounds.map((g) => ({ code: g.code, text: g.text })),
    hearing: { at: hearing.notice.hearing.at, mode: hearing.notice.hearing.mode },
    objection: hearing.objection ?? undefined,
    heard: [head.applicant.name, ...(head.representative ? [head.representative] : [])],
    familiarizedOn: hearing.familiarizedOn ?? undefined,
    remarks: hearing.remarks ?? undefined,
  };
}

// ---- the decision on providing (refusing) social assistance (app. 5, 003:47) --------------------

export type AssistanceDecisionContent = CaseHeadContent & {
  readonly type: 'assistanceDecision';
  readonly version: 1;
  /** R-DEC-1: the decision is appendix 5 whatever the outcome; its notice is app. 6 or app. 7. */
  readonly form: 'app5';
  readonly noticeForm: 'app6' | 'app7';
  readonly decision: NoticeDecisionContent;
  /** The per-capita income the decision rests on, when it was computed (003:35-36). */
  readonly income:
    | {
        readonly familySize: number;
        readonly totalIncomeTiyn: number;
        readonly perCapitaIncomeTiyn: number;
        readonly periodFrom: LocalDate;
        readonly periodTo: LocalDate;
      }
    | undefined;
  /** The hearing before a refusal, when there was one (003:38-46). */
  readonly hearing:
    | {
        readonly noticeDate: LocalDate;
        readonly protocol:
          { readonly date: LocalDate; readonly number: string | undefined } | undefined;
        readonly remarksDate: LocalDate | undefined;
      }
    | undefined;
};

/** The decision on providing (refusing) social assistance, appendix 5 (R-DEC-1, R-DEC-6). */
export function assistanceDecisionDocument(
  state: CaseState,
  office: OfficeProfile,
): AssistanceDecisionContent {
  const decision = present(state.decision, 'decision');
  const income = state.income;
  const hearing = state.hearing;
  return {
    type: 'assistanceDecision',
    version: 1,
    ...caseHead(state, office),
    form: 'app5',
    noticeForm: decision.noticeForm,
    decision: decisionContent(decision),
    income: income
      ? {
          familySize: income.familySize,
          totalIncomeTiyn: income.totalIncomeTiyn,
          perCapitaIncomeTiyn: income.perCapitaIncomeTiyn,
          periodFrom: income.periodFrom,
          periodTo: income.periodTo,
        }
      : undefined,
    hearing: hearing
      ? {
          noticeDate: hearing.notice.noticeDate,
          protocol: hearing.protocol
            ? { date: hearing.protocol.date, number: hearing.protocol.number }
            : undefined,
          remarksDate: hearing.remarks?.date,
        }
      : undefined,
  };
}
