// The canonical content of the documents the akim (or the district head) signs: the certificate of
// belonging to TSA recipients, the covering register and the notice of the result. The desk and the hub
// build them with these same functions. What must stay true:
// - The signer's helper, the print view and every verifier (the desk, the district's import of a
//   register file, the hub) build the content with these functions from the same logged data, so what
//   is printed and checked is exactly what was signed.
// - Content comes from the log only: folded cases (shared/case foldCase), the events themselves and the
//   office profile; never from a journal row's calendar-derived fields (due dates, phases, steps),
//   which change when the calendar is corrected.
// - Content is language-neutral data (ids, numbers, dates, names as typed, both office names): the
//   applicant may ask for the document in Kazakh or in Russian, and both prints carry one signature.
// - A signature covers everything its signer vouches for: the covering register names, per case, the
//   SHA-256 of the case's events (canonical JSON, sorted by (hlc, id)) and the scans they name, so no
//   income, family member or resolution can change under the akim's signature.
// - Pure: no clock, no database; crypto is a parameter; `version` changes whenever the shape changes.
// - A proactive case (R-PRO-1, 003:30) has no application: its notice names the occasion it was
//   opened for (shared/case proactiveOccasion, the journal's answer too), never an application. The
//   notice of every other case keeps the shape and bytes it was signed with (version 1).
import {
  compareEvents,
  foldCase,
  proactiveOccasion,
  type Applicant,
  type CaseEvent,
  type CaseEventOf,
  type CaseState,
  type DecisionState,
  type ProactiveOccasion,
} from '../case';
import type { OfficeProfile } from '../office';
import {
  canonicalBytes,
  canonicalJson,
  encodeBase64,
  sha256,
  toHex,
  type JsonValue,
  type SubtleCryptoLike,
} from '../signing';
import { personName } from '../text';
import type { LocalDate } from '../time';

/** The quarter a date falls in, as the TSA recipients register stores it: 2026-11-23 → '2026-Q4'. */
export function tsaQuarterOf(date: LocalDate): string {
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/** The office as every signed document names it. */
export type OfficeContent = {
  readonly officeId: string;
  readonly code: string;
  readonly nameKk: string;
  readonly nameRu: string;
  readonly districtKk: string;
  readonly districtRu: string;
};

export type PersonContent = { readonly iin: string; readonly name: string };

/** The office fields a document prints; an OfficeProfile gives them, and so does a signed event. */
export function officeContent(office: OfficeContent): OfficeContent {
  return {
    officeId: office.officeId,
    code: office.code,
    nameKk: office.nameKk,
    nameRu: office.nameRu,
    districtKk: office.districtKk,
    districtRu: office.districtRu,
  };
}

export function applicantContent(applicant: Applicant): PersonContent {
  return { iin: applicant.iin, name: personName(applicant) };
}

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new RangeError(`The case has no ${what}`);
  return value;
}

// ---- the TSA-recipient certificate (seed 002:16, seed 001 №15 app. 2) ----------------------------

export type CertificateResult = 'belongs' | 'doesNotBelong';

/** What the akim decides when issuing the certificate; the event CertificateIssued keeps the same. */
export interface CertificateIssue {
  readonly result: CertificateResult;
  readonly number: string;
  readonly date: LocalDate;
  /** 'YYYY-Qn' the certificate speaks of; default the quarter of `date` ("the current quarter"). */
  readonly quarter?: string;
}

/** The applicant's row of the TSA recipients register for that quarter (TsaRecipientRow fits). */
export interface TsaRecipientFacts {
  readonly quarter: string;
  readonly familyMembers: readonly string[];
}

export type CertificateContent = {
  readonly type: 'tsaRecipientCertificate';
  readonly version: 1;
  readonly caseId: string;
  readonly registrationNumber: string;
  readonly serviceId: string;
  readonly number: string;
  readonly date: LocalDate;
  readonly result: CertificateResult;
  /** 'YYYY-Qn' */
  readonly quarter: string;
  readonly applicant: PersonContent;
  readonly familyMembers: readonly string[];
  readonly office: OfficeContent;
};

/**
 * The certificate of belonging (or not belonging) to targeted-social-assistance recipients, both
 * variants (R-CERT-3). "belongs" lists the family members of the register row; "doesNotBelong"
 * never lists any. Throws for a case that was not registered (a caller's bug).
 */
export function certificateDocument(
  state: CaseState,
  office: OfficeProfile,
  issue: CertificateIssue,
  recipient: TsaRecipientFacts | null,
): CertificateContent {
  const belongs = issue.result === 'belongs';
  return {
    type: 'tsaRecipientCertificate',
    version: 1,
    caseId: required(state.caseId, 'id'),
    registrationNumber: required(state.registrationNumber, 'registration number'),
    serviceId: required(state.serviceId, 'service'),
    number: issue.number,
    date: issue.date,
    result: issue.result,
    quarter: issue.quarter ?? (belongs && recipient ? recipient.quarter : tsaQuarterOf(issue.date)),
    applicant: applicantContent(required(state.applicant, 'applicant')),
    familyMembers: belongs && recipient ? [...recipient.familyMembers] : [],
    office: officeContent(office),
  };
}

// ---- the covering register (тізілім / реестр) ---------------------------------------------------

/** The register as its log folds it (RegisterState fits): which cases it lists, in its order. */
export interface RegisterHead {
  readonly id: string;
  readonly number: string;
  readonly date: string;
  readonly caseIds: readonly string[];
}

/** The events of one case that the register covers (at signing: every event the desk held). */
export interface CaseLog {
  readonly caseId: string;
  readonly events: readonly CaseEvent[];
}

export type RegisterContentCase = {
  readonly caseId: string;
  readonly registrationNumber: string;
  readonly registrationDate: string;
  readonly iin: string;
  readonly applicantName: string;
  readonly serviceId: string;
  /** The covered events' ids, in fold order: a verifier picks exactly these from the case's log. */
  readonly eventIds: readonly string[];
  /** Lowercase hex SHA-256 of canonicalJson of the covered events sorted by (hlc, id). */
  readonly eventsSha256: string;
  /** SHA-256 (hex) of every scan the covered events name, sorted, each once. */
  readonly attachments: readonly string[];
};

export type RegisterContent = {
  readonly type: 'coveringRegister';
  /** 1: summary rows only (release 1); 2: each case's event hash and scans. */
  readonly version: 2;
  readonly registerId: string;
  readonly number: string;
  readonly date: string;
  readonly office: OfficeContent;
  readonly cases: readonly RegisterContentCase[];
};

/** The events sorted as the fold reads them, by (hlc, id): the order their hash is taken in. */
export function sortedCaseEvents(events: readonly CaseEvent[]): CaseEvent[] {
  return [...events].sort(compareEvents);
}

/** Lowercase hex SHA-256 of the canonical JSON of `events` sorted by (hlc, id). */
export async function caseEventsSha256(
  subtle: SubtleCryptoLike,
  events: readonly CaseEvent[],
): Promise<string> {
  return toHex(await sha256(subtle, canonicalBytes(sortedCaseEvents(events))));
}

/** The scans a case's events name (intake attachments), sorted and each once. */
export function attachmentHashesOf(events: readonly CaseEvent[]): string[] {
  const hashes = new Set<string>();
  for (const e of events) {
    if (e.type === 'Registered') for (const a of e.payload.attachments) hashes.add(a.sha256);
    if (e.type === 'AcceptanceRefused') {
      for (const a of e.payload.attachments ?? []) hashes.add(a.sha256);
    }
  }
  return [...hashes].sort();
}

/**
 * The events of `log` whose ids are `eventIds`, or null when one is missing or an id is given by two
 * different events: the register then cannot be rebuilt from this log.
 */
export function pickEvents(
  events: readonly CaseEvent[],
  eventIds: readonly string[],
): CaseEvent[] | null {
  const wanted = new Set(eventIds);
  if (wanted.size !== eventIds.length) return null;
  const byId = new Map<string, CaseEvent>();
  for (const e of events) {
    if (!wanted.has(e.id)) continue;
    const seen = byId.get(e.id);
    if (seen !== undefined && canonicalJson(seen) !== canonicalJson(e)) return null;
    byId.set(e.id, e);
  }
  return byId.size === wanted.size ? [...byId.values()] : null;
}

/**
 * The covering register the akim signs before the cases go to the district. Cases come in the
 * register's order, each described from its own folded events. A case of the register without its
 * log, with events of another case, or not registered is a caller's bug and throws (RangeError),
 * because a signature over a shorter or vaguer list would not cover what is forwarded.
 */
export async function registerDocument(
  subtle: SubtleCryptoLike,
  register: RegisterHead,
  logs: readonly CaseLog[],
  office: OfficeProfile,
): Promise<RegisterContent> {
  const byId = new Map(logs.map((log) => [log.caseId, log]));
  const cases: RegisterContentCase[] = [];
  for (const caseId of register.caseIds) {
    const log = byId.get(caseId);
    if (!log) throw new RangeError(`Register ${register.number} has no events for case ${caseId}`);
    if (log.events.some((e) => e.caseId !== caseId)) {
      throw new RangeError(`Register ${register.number}: events of another case under ${caseId}`);
    }
    const sorted = sortedCaseEvents(log.events);
    const state = foldCase(sorted);
    const applicant = required(state.applicant, 'applicant');
    cases.push({
      caseId,
      registrationNumber: required(state.registrationNumber, 'registration number'),
      registrationDate: required(state.registrationDate, 'registration date'),
      iin: applicant.iin,
      applicantName: personName(applicant),
      serviceId: required(state.serviceId, 'service'),
      eventIds: sorted.map((e) => e.id),
      eventsSha256: await caseEventsSha256(subtle, sorted),
      attachments: attachmentHashesOf(sorted),
    });
  }
  return {
    type: 'coveringRegister',
    version: 2,
    registerId: register.id,
    number: register.number,
    date: register.date,
    office: officeContent(office),
    cases,
  };
}

// ---- the notice of the result (app. 6 / app. 7, R-DEC-1) -----------------------------------------

export type NoticeDecisionContent =
  | {
      readonly outcome: 'grant';
      readonly number: string;
      readonly date: LocalDate;
      readonly amountTiyn: number | undefined;
      readonly periodFrom: LocalDate | undefined;
      readonly periodTo: LocalDate | undefined;
      readonly remarksConsideration: string | undefined;
    }
  | {
      readonly outcome: 'refuse';
      readonly number: string;
      readonly date: LocalDate;
      readonly justification: string;
      readonly groundCodes: readonly string[] | undefined;
      readonly remarksConsideration: string | undefined;
    };

/** The occasion a proactive case's documents name (code, name as typed, date), as the case logs it. */
export type OccasionContent = {
  readonly code: string;
  readonly name: string;
  readonly date: LocalDate;
};

export type ResultNoticeContent = {
  readonly type: 'resultNotice';
  /** 1: no occasion (every case's notice before version 2, and a case with an application); 2: a proactive case's, naming its occasion. */
  readonly version: 1 | 2;
  readonly caseId: string;
  readonly registrationNumber: string | undefined;
  readonly registrationDate: LocalDate | undefined;
  readonly serviceId: string;
  readonly form: 'app6' | 'app7';
  readonly applicant: PersonContent & { readonly address: string };
  readonly decision: NoticeDecisionContent;
  readonly office: OfficeContent;
  /**
   * Version 2 only: the holiday or memorable date of a proactive case, which the notice names instead
   * of an application (there was none). Absent (left out of the canonical JSON) on version 1.
   */
  readonly occasion?: OccasionContent | undefined;
};

export function occasionContent(occasion: ProactiveOccasion): OccasionContent {
  return { code: occasion.code, name: occasion.name, date: occasion.date };
}

export function decisionContent(decision: DecisionState): NoticeDecisionContent {
  switch (decision.outcome) {
    case 'grant':
      return {
        outcome: 'grant',
        number: decision.number,
        date: decision.date,
        amountTiyn: decision.amountTiyn,
        periodFrom: decision.periodFrom,
        periodTo: decision.periodTo,
        remarksConsideration: decision.remarksConsideration,
      };
    case 'refuse':
      return {
        outcome: 'refuse',
        number: decision.number,
        date: decision.date,
        justification: decision.justification,
        groundCodes: decision.groundCodes ? [...decision.groundCodes] : undefined,
        remarksConsideration: decision.remarksConsideration,
      };
  }
}

/**
 * The notice of the decision (app. 6 for a grant, app. 7 for a refusal), as the signer signs it: the
 * one builder of the document the head signs (renderer/src/db/result-sign-commands), the print view
 * shows and every check rebuilds (resultNoticeCandidates). `office` is the signing desk's profile, or,
 * to rebuild a signed notice, signedResultOffice. A proactive case's notice (version 2) names its
 * occasion; any other case's is version 1, byte for byte what it was before version 2 existed.
 */
export function resultNoticeDocument(state: CaseState, office: OfficeContent): ResultNoticeContent {
  const decision = required(state.decision, 'decision');
  const applicant = required(state.applicant, 'applicant');
  const occasion = proactiveOccasion(state);
  const notice = {
    type: 'resultNotice',
    version: 1,
    caseId: required(state.caseId, 'id'),
    registrationNumber: state.registrationNumber ?? undefined,
    registrationDate: state.registrationDate ?? undefined,
    serviceId: required(state.serviceId, 'service'),
    form: decision.noticeForm,
    applicant: { ...applicantContent(applicant), address: applicant.address },
    decision: decisionContent(decision),
    office: officeContent(office),
  } as const satisfies ResultNoticeContent;
  return occasion === null
    ? notice
    : { ...notice, version: 2, occasion: occasionContent(occasion) };
}

/**
 * Every notice content a signature over the case's result may be over: the notice as it is built now
 * (resultNoticeDocument) and, for a proactive case, the version 1 notice it was signed as before
 * notices named the occasion, so such a signature still verifies and prints as what was signed.
 */
export function resultNoticeCandidates(
  state: CaseState,
  office: OfficeContent,
): ResultNoticeContent[] {
  const notice = resultNoticeDocument(state, office);
  if (notice.occasion === undefined) return [notice];
  const { occasion: _named, ...unnamed } = notice;
  return [notice, { ...unnamed, version: 1 }];
}

/**
 * The office a signed result's notice names: the one its ResultSigned event carries (the signing
 * desk's: the district department, when the akimat's desk rebuilds it), or else `desk`, this desk's
 * own profile, since a result signed before events carried the office was signed at the desk that
 * holds it (R-DEC-5).
 */
export function signedResultOffice(
  signed: CaseEventOf<'ResultSigned'>,
  desk: OfficeContent,
): OfficeContent;
export function signedResultOffice(
  signed: CaseEventOf<'ResultSigned'>,
  desk: OfficeContent | null,
): OfficeContent | null;
export function signedResultOffice(
  signed: CaseEventOf<'ResultSigned'>,
  desk: OfficeContent | null,
): OfficeContent | null {
  const office = signed.payload.office ?? desk;
  return office === null ? null : officeContent(office);
}

/**
 * Every certificate content the saved data can give for an issued certificate: the signer may have
 * spoken of the quarter of the certificate's date, of the registration date, or of a quarter the
 * applicant's TSA register rows hold. The print view keeps the one whose digest was signed.
 */
export function certificateCandidates(
  state: CaseState,
  office: OfficeProfile,
  rows: readonly TsaRecipientFacts[],
): CertificateContent[] {
  const certificate = state.certificate;
  if (certificate === null) return [];
  const issue = { result: certificate.result, number: certificate.number, date: certificate.date };
  // Certificates that carry what they stated are rebuilt from the event alone.
  if (certificate.quarter !== undefined) {
    const quarter = certificate.quarter;
    const stated = { quarter, familyMembers: certificate.familyMembers ?? [] };
    return [certificateDocument(state, office, { ...issue, quarter }, stated)];
  }
  const quarters = new Set([
    tsaQuarterOf(certificate.date),
    ...(state.registrationDate ? [tsaQuarterOf(state.registrationDate)] : []),
    ...rows.map((row) => row.quarter),
  ]);
  return [...quarters].map((quarter) =>
    certificateDocument(
      state,
      office,
      { ...issue, quarter },
      rows.find((row) => row.quarter === quarter) ?? null,
    ),
  );
}

// ---- digests --------------------------------------------------------------------------------------

/** base64 SHA-256 of the canonical bytes: the `signedDigest` a signature over `content` carries. */
export async function contentDigest(subtle: SubtleCryptoLike, content: JsonValue): Promise<string> {
  return encodeBase64(await sha256(subtle, canonicalBytes(content)));
}
