// The application of a case as it was received and as it stands after corrections: one answer for the
// case page, the printed documents and the journal. What must stay true:
// - The opening event (Registered, or AcceptanceRefused for a refused one) is what was received; it is
//   never changed. Every later change is an ApplicationCorrected event, folded in log order
//   (correctApplication), so the current application is a pure function of the log.
// - A correction replaces whole sections (the applicant, the representation, the family, the
//   applicant's incomes, the documents checklist); what it changed is worked out here by comparing
//   values, never taken from what a form says it changed.
// - Pure: no clock, no ids; who and when come from the event's envelope.
import type { LocalDateTime } from '../time';
import type {
  Applicant,
  Attachment,
  CaseEvent,
  CaseRole,
  Consents,
  DocumentCheck,
  DocumentState,
  FamilyMember,
  Income,
  PayloadOf,
  Representative,
} from './events';
import type { CaseState } from './state';

/** The parts of an application a correction may change. Consents and scans are not among them. */
export const APPLICATION_SECTIONS = [
  'applicant',
  'representative',
  'familyMembers',
  'applicantIncomes',
  'documents',
] as const;
export type ApplicationSection = (typeof APPLICATION_SECTIONS)[number];

export interface ApplicationData {
  readonly applicant: Applicant;
  /** null: the applicant applies in person. */
  readonly representative: Representative | null;
  readonly familyMembers: readonly FamilyMember[];
  readonly applicantIncomes: readonly Income[];
  readonly documents: readonly DocumentCheck[];
}

export const APPLICANT_FIELDS = [
  'lastName',
  'firstName',
  'patronymic',
  'iin',
  'birthDate',
  'sex',
  'address',
  'phone',
  'inMobileCitizensDb',
] as const satisfies readonly (keyof Applicant)[];
export type ApplicantField = (typeof APPLICANT_FIELDS)[number];

/** The representative's facts one by one; `present` is whether there is a representative at all. */
export const REPRESENTATIVE_FIELDS = [
  'present',
  'name',
  'iin',
  'poaNumber',
  'poaDate',
  'poaIssuer',
  'poaNotarized',
] as const;
export type RepresentativeField = (typeof REPRESENTATIVE_FIELDS)[number];

/** What one correction changed, worked out from the application before and after it. */
export interface CorrectionChanges {
  readonly sections: readonly ApplicationSection[];
  readonly applicantFields: readonly ApplicantField[];
  readonly representativeFields: readonly RepresentativeField[];
  /** Ids of the documents whose state changed, was added or was dropped. */
  readonly documents: readonly string[];
}

/** A correction as the fold keeps it: who, when, why, and what it changed. */
export interface CorrectionRecord {
  readonly eventId: string;
  readonly at: LocalDateTime;
  readonly byUserId: string;
  readonly role: CaseRole;
  readonly reason: string;
  readonly changes: CorrectionChanges;
}

type Opening = PayloadOf<'Registered'> | PayloadOf<'AcceptanceRefused'>;

/** The application as the opening event recorded it. */
export function receivedApplication(p: Opening): ApplicationData {
  return {
    applicant: p.applicant,
    representative: p.representative ?? null,
    familyMembers: 'familyMembers' in p ? (p.familyMembers ?? []) : [],
    applicantIncomes: 'applicantIncomes' in p ? (p.applicantIncomes ?? []) : [],
    documents: p.documents,
  };
}

/** The application after one correction: each section the correction gives replaces the current one. */
export function correctApplication(
  current: ApplicationData,
  p: PayloadOf<'ApplicationCorrected'>,
): ApplicationData {
  return {
    applicant: p.applicant ?? current.applicant,
    representative: p.representation
      ? (p.representation.representative ?? null)
      : current.representative,
    familyMembers: p.familyMembers ?? current.familyMembers,
    applicantIncomes: p.applicantIncomes ?? current.applicantIncomes,
    documents: p.documents ?? current.documents,
  };
}

/** The sections a correction gives, in the application's order (whether or not they differ). */
export function correctionSectionsGiven(
  p: PayloadOf<'ApplicationCorrected'>,
): ApplicationSection[] {
  return APPLICATION_SECTIONS.filter((s) =>
    s === 'representative' ? p.representation !== undefined : p[s] !== undefined,
  );
}

/** Structural equality of plain JSON values; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // An absent key and a key holding undefined are the same (an optional value not given).
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!sameValue(ra[key], rb[key])) return false;
  return true;
}

/** The representative's facts as one flat record (null values when there is none). */
export function representativeFacts(
  r: Representative | null,
): Readonly<Record<RepresentativeField, string | boolean | null>> {
  return {
    present: r !== null,
    name: r?.name ?? null,
    iin: r?.iin ?? null,
    poaNumber: r?.powerOfAttorney.number ?? null,
    poaDate: r?.powerOfAttorney.date ?? null,
    poaIssuer: r?.powerOfAttorney.issuer ?? null,
    poaNotarized: r ? r.powerOfAttorney.notarized === true : null,
  };
}

/** The state of each document by id. */
export function documentStates(docs: readonly DocumentCheck[]): ReadonlyMap<string, DocumentState> {
  return new Map(docs.map((d) => [d.documentId, d.state]));
}

/** What differs between two versions of an application. */
export function applicationChanges(
  before: ApplicationData,
  after: ApplicationData,
): CorrectionChanges {
  const applicantFields = APPLICANT_FIELDS.filter(
    (f) => !sameValue(before.applicant[f], after.applicant[f]),
  );
  const rb = representativeFacts(before.representative);
  const ra = representativeFacts(after.representative);
  const representativeFields = REPRESENTATIVE_FIELDS.filter((f) => rb[f] !== ra[f]);
  const db = documentStates(before.documents);
  const da = documentStates(after.documents);
  const documents = [...new Set([...db.keys(), ...da.keys()])].filter(
    (id) => db.get(id) !== da.get(id),
  );
  // A section changed when one of its facts did: a notarized flag absent or false, or the checklist
  // in another order, is the same application.
  const changed: Record<ApplicationSection, boolean> = {
    applicant: applicantFields.length > 0,
    representative: representativeFields.length > 0,
    familyMembers: !sameValue(before.familyMembers, after.familyMembers),
    applicantIncomes: !sameValue(before.applicantIncomes, after.applicantIncomes),
    documents: documents.length > 0,
  };
  const sections = APPLICATION_SECTIONS.filter((s) => changed[s]);
  return { sections, applicantFields, representativeFields, documents };
}

/** The application `current` would become, and whether the correction changes anything in it. */
export function correctionOutcome(
  current: ApplicationData,
  p: PayloadOf<'ApplicationCorrected'>,
): { readonly next: ApplicationData; readonly changes: CorrectionChanges } {
  const next = correctApplication(current, p);
  return { next, changes: applicationChanges(current, next) };
}

/** The record the fold keeps of an applied correction. */
export function correctionRecord(
  e: Extract<CaseEvent, { type: 'ApplicationCorrected' }>,
  changes: CorrectionChanges,
): CorrectionRecord {
  return {
    eventId: e.id,
    at: e.legalTime,
    byUserId: e.actor.userId,
    role: e.actor.role,
    reason: e.payload.reason,
    changes,
  };
}

// ---- the application as the case page shows it --------------------------------------------------------

/** One fact that differs from what was received: the value received and the last correction of it. */
export interface Corrected<F extends string> {
  readonly field: F;
  readonly by: CorrectionRecord;
}

export interface ApplicationHistory {
  /** As the opening event recorded it. */
  readonly received: ApplicationData;
  /** After every correction, in log order. */
  readonly current: ApplicationData;
  /** Only an application that was registered can be corrected (a refused one is closed). */
  readonly registered: boolean;
  readonly consents: Consents | null;
  readonly attachments: readonly Attachment[];
  readonly corrections: readonly CorrectionRecord[];
  /**
   * Per section, the last correction that changed it, while the section differs from what was
   * received (a section corrected and then put back as it was is not shown as corrected).
   */
  readonly sections: Readonly<Partial<Record<ApplicationSection, CorrectionRecord>>>;
  readonly applicantFields: readonly Corrected<ApplicantField>[];
  readonly representativeFields: readonly Corrected<RepresentativeField>[];
  readonly documents: readonly Corrected<string>[];
}

/** The last correction that changed `pick` of its changes, if the value now differs from the start. */
function lastCorrection<F extends string>(
  corrections: readonly CorrectionRecord[],
  pick: (c: CorrectionChanges) => readonly F[],
  field: F,
): CorrectionRecord | undefined {
  for (let i = corrections.length - 1; i >= 0; i--) {
    const c = corrections[i];
    if (c && pick(c.changes).includes(field)) return c;
  }
  return undefined;
}

function correctedFacts<F extends string>(
  differing: readonly F[],
  corrections: readonly CorrectionRecord[],
  pick: (c: CorrectionChanges) => readonly F[],
): Corrected<F>[] {
  return differing.flatMap((field) => {
    const by = lastCorrection(corrections, pick, field);
    return by ? [{ field, by }] : [];
  });
}

/**
 * The application of a case: as received, as it stands, and which facts were corrected by whom and
 * when. null for a case opened without an application (proactive assistance).
 */
export function applicationHistory(state: CaseState): ApplicationHistory | null {
  const opening = state.intake ?? state.acceptanceRefusal;
  if (opening === null || state.application === null) return null;
  const received = receivedApplication(opening);
  const current = state.application;
  const corrections = state.corrections;
  const overall = applicationChanges(received, current);
  const sections: Partial<Record<ApplicationSection, CorrectionRecord>> = {};
  for (const s of overall.sections) {
    const by = lastCorrection(corrections, (c) => c.sections, s);
    if (by) sections[s] = by;
  }
  return {
    received,
    current,
    registered: state.intake !== null,
    consents: state.intake?.consents ?? null,
    attachments: state.intake?.attachments ?? state.acceptanceRefusal?.attachments ?? [],
    corrections,
    sections,
    applicantFields: correctedFacts(overall.applicantFields, corrections, (c) => c.applicantFields),
    representativeFields: correctedFacts(
      overall.representativeFields,
      corrections,
      (c) => c.representativeFields,
    ),
    documents: correctedFacts(overall.documents, corrections, (c) => c.documents),
  };
}

/**
 * Every name the applicant has had in the log (as received, then each corrected one), in log order:
 * the journal finds a case by any of them.
 */
export function applicantsOverTime(state: CaseState): Applicant[] {
  const out: Applicant[] = [];
  for (const e of state.events) {
    if (e.type === 'Registered' || e.type === 'AcceptanceRefused') out.push(e.payload.applicant);
    if (e.type === 'ProactiveCaseOpened') out.push(e.payload.recipient);
    if (e.type === 'ApplicationCorrected' && e.payload.applicant) out.push(e.payload.applicant);
  }
  return out;
}
