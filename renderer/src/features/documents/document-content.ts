// The canonical content of the documents the akim (or the district head) signs. What must stay true:
// - The signer's helper and the print view build the content with these same functions from the same
//   saved data, so what is printed is exactly what was signed; the print view recomputes the digest
//   and refuses to print a signed document whose content no longer matches its signature.
// - Content is language-neutral data (ids, numbers, dates, names as typed, both office names): the
//   applicant may ask for the document in Kazakh or in Russian, and both prints carry one signature.
// - Pure: no clock, no database; `version` changes whenever the shape changes.
import type { Applicant, CaseState, DecisionState } from '../../../../shared/case';
import type { OfficeProfile } from '../../../../shared/office';
import {
  canonicalBytes,
  encodeBase64,
  sha256,
  type JsonValue,
  type SubtleCryptoLike,
} from '../../../../shared/signing';
import type { LocalDate } from '../../../../shared/time';

/** 'Lastname Firstname Patronymic', as the journal writes it. */
export function personName(person: {
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic?: string | undefined;
}): string {
  return [person.lastName, person.firstName, person.patronymic]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
}

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

function officeContent(office: OfficeProfile): OfficeContent {
  return {
    officeId: office.officeId,
    code: office.code,
    nameKk: office.nameKk,
    nameRu: office.nameRu,
    districtKk: office.districtKk,
    districtRu: office.districtRu,
  };
}

function applicantContent(applicant: Applicant): PersonContent {
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

/** The journal row of a case (CaseRow fits): what the register lists of it. */
export interface RegisterCase {
  readonly id: string;
  readonly number: string;
  readonly date: string;
  readonly iin: string;
  readonly applicantName: string;
  readonly serviceId: string;
}

/** The register row (RegisterRow fits). */
export interface RegisterHead {
  readonly id: string;
  readonly number: string;
  readonly date: string;
  readonly caseIds: readonly string[];
}

export type RegisterContentCase = {
  readonly caseId: string;
  readonly registrationNumber: string;
  readonly registrationDate: string;
  readonly iin: string;
  readonly applicantName: string;
  readonly serviceId: string;
};

export type RegisterContent = {
  readonly type: 'coveringRegister';
  readonly version: 1;
  readonly registerId: string;
  readonly number: string;
  readonly date: string;
  readonly office: OfficeContent;
  readonly cases: readonly RegisterContentCase[];
};

/**
 * The covering register the akim signs before the cases go to the district. Cases come in the
 * register's order; a case of the register without its row is a caller's bug and throws, because a
 * signature over a shorter list would not cover what is forwarded.
 */
export function registerDocument(
  register: RegisterHead,
  rows: readonly RegisterCase[],
  office: OfficeProfile,
): RegisterContent {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const cases = register.caseIds.map((caseId): RegisterContentCase => {
    const row = byId.get(caseId);
    if (!row) throw new RangeError(`Register ${register.number} has no row for case ${caseId}`);
    return {
      caseId,
      registrationNumber: row.number,
      registrationDate: row.date,
      iin: row.iin,
      applicantName: row.applicantName,
      serviceId: row.serviceId,
    };
  });
  return {
    type: 'coveringRegister',
    version: 1,
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

export type ResultNoticeContent = {
  readonly type: 'resultNotice';
  readonly version: 1;
  readonly caseId: string;
  readonly registrationNumber: string | undefined;
  readonly registrationDate: LocalDate | undefined;
  readonly serviceId: string;
  readonly form: 'app6' | 'app7';
  readonly applicant: PersonContent & { readonly address: string };
  readonly decision: NoticeDecisionContent;
  readonly office: OfficeContent;
};

function decisionContent(decision: DecisionState): NoticeDecisionContent {
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

/** The notice of the decision (app. 6 for a grant, app. 7 for a refusal), as the signer signs it. */
export function resultNoticeDocument(state: CaseState, office: OfficeProfile): ResultNoticeContent {
  const decision = required(state.decision, 'decision');
  const applicant = required(state.applicant, 'applicant');
  return {
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
  };
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
