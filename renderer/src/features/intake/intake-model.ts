// The intake form as data: what the specialist types (plain strings and flags), what the chosen service
// asks for, and the one check that turns the typed values into the payload parts of a Registered or
// AcceptanceRefused event. Pure: the screen passes the service and today's date in, and the shared
// schemas (shared/case, shared/identity) decide what is valid, so the desk and the hub agree.
import {
  applicantSchema,
  familyMemberSchema,
  incomeSchema,
  normalizeText,
  representativeSchema,
  type Applicant,
  type Consents,
  type DocumentCheck,
  type DocumentState,
  type FamilyMember,
  type Income,
  type Representative,
  type RELATIONS,
  VALIDATION,
} from '../../../../shared/case';
import {
  consentsFor,
  documentsFor,
  type CatalogDocument,
  type Consent,
  type RouteKind,
  type ServiceDefinition,
} from '../../../../shared/catalog';
import { validateIin, validateKzMobile } from '../../../../shared/identity';
import {
  FULL_NAME_MAX,
  checkApplicantAge,
  checkChildAge,
  checkDateInput,
  checkIncome,
  checkPersonName,
  readDateInput,
} from '../../../../shared/input';
import type { Language } from '../../../../shared/ipc';
import type { LocalDate } from '../../../../shared/time';
import { dateInputOf, formatNumber, parseTengeToTiyn } from '../../i18n';

export type Relation = (typeof RELATIONS)[number];

export interface IncomeValues {
  source: string;
  /** Tenge, as typed. */
  amount: string;
  /** dd.MM.yyyy, as typed. */
  periodFrom: string;
  periodTo: string;
}

export interface FamilyMemberValues {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  relation: Relation | '';
  iin: string;
  incomes: IncomeValues[];
}

/** The representative as typed (the intake and the application correction type the same fields). */
export interface RepresentativeValues {
  /** "Applies for another person". */
  enabled: boolean;
  name: string;
  iin: string;
  poaNumber: string;
  /** dd.MM.yyyy, as typed. */
  poaDate: string;
  poaIssuer: string;
  notarized: boolean;
}

export interface IntakeFormValues {
  serviceId: string;
  applicant: {
    iin: string;
    lastName: string;
    firstName: string;
    patronymic: string;
    address: string;
    /** As typed; stored in E.164. */
    phone: string;
    inMobileCitizensDb: boolean;
  };
  representative: RepresentativeValues;
  /** Document id → its state; '' until the specialist marks it. */
  documents: Record<string, DocumentState | ''>;
  consents: Consents;
  familyMembers: FamilyMemberValues[];
  applicantIncomes: IncomeValues[];
  /**
   * The applicant's language, as they choose it: the printed talon or 2-1 receipt is in it, and it is
   * stored as the applicant's language for correspondence (the SMS notice of the decision, 003:49).
   * Prefilled from the interface language.
   */
  docLanguage: Language;
}

export function emptyIntake(docLanguage: Language): IntakeFormValues {
  return {
    serviceId: '',
    applicant: {
      iin: '',
      lastName: '',
      firstName: '',
      patronymic: '',
      address: '',
      phone: '',
      inMobileCitizensDb: false,
    },
    representative: {
      enabled: false,
      name: '',
      iin: '',
      poaNumber: '',
      poaDate: '',
      poaIssuer: '',
      notarized: false,
    },
    documents: {},
    consents: { personalData: false, protectedInformation: false },
    familyMembers: [],
    applicantIncomes: [],
    docLanguage,
  };
}

// ---- the application's facts ↔ what is typed: one mapping for the intake and the correction ----------

/** A representative as the form shows it: the stored one (a correction starts from it), or none. */
export function representativeValuesOf(r: Representative | null | undefined): RepresentativeValues {
  return {
    enabled: r !== null && r !== undefined,
    name: r?.name ?? '',
    iin: r?.iin ?? '',
    poaNumber: r?.powerOfAttorney.number ?? '',
    poaDate: r ? dateInputOf(r.powerOfAttorney.date) : '',
    poaIssuer: r?.powerOfAttorney.issuer ?? '',
    notarized: r?.powerOfAttorney.notarized === true,
  };
}

/** An income as the form shows it: tenge in the desk's number format, dates dd.MM.yyyy. */
export function incomeValuesOf(i: Income, lang: Language): IncomeValues {
  return {
    source: i.source,
    amount: formatNumber(i.amountTiyn / 100, lang, 2),
    periodFrom: dateInputOf(i.periodFrom),
    periodTo: dateInputOf(i.periodTo),
  };
}

export const emptyIncome = (): IncomeValues => ({
  source: '',
  amount: '',
  periodFrom: '',
  periodTo: '',
});

export const emptyFamilyMember = (): FamilyMemberValues => ({
  lastName: '',
  firstName: '',
  patronymic: '',
  birthDate: '',
  relation: '',
  iin: '',
  incomes: [],
});

// ---- what a service asks for ------------------------------------------------------------------------

/** The ids the catalog gives the family papers ("сведения о составе семьи", "… о доходах"). */
const FAMILY_COMPOSITION_DOCUMENT = 'family-composition';
const FAMILY_INCOME_DOCUMENT = 'family-income';

export interface ServiceNeeds {
  /** The checklist: the service's documents on the office's route, in the regulation's order. */
  readonly documents: readonly CatalogDocument[];
  /**
   * Family members and incomes are asked for exactly when the regulation's document list on the
   * office's route names the family papers: the family composition (→ members) and the family's incomes
   * (→ incomes of the applicant and of each member). That is targeted social assistance and the child
   * benefits; the certificate, fuel aid and the rest ask for neither. Deciding from the catalog's
   * documents keeps a new regulation a data change.
   */
  readonly familyMembers: boolean;
  readonly incomes: boolean;
  /** R-REG-2: the TSA certificate accepts only a notarized power of attorney (002:15). */
  readonly notarizedPowerOfAttorney: boolean;
  /** The consents the service's regulation itself cites (their wording is shown with the flags). */
  readonly citedConsents: readonly Consent[];
}

/**
 * What the service asks for on `route`, the catalog route of the office receiving the application
 * (the akim's at an akimat, the provider's own at the district department: shared/intake
 * intakeRouteOf).
 */
export function serviceNeeds(service: ServiceDefinition, route: RouteKind): ServiceNeeds {
  const documents = documentsFor(service, route);
  const has = (id: string) => documents.some((d) => d.id === id);
  return {
    documents,
    familyMembers: has(FAMILY_COMPOSITION_DOCUMENT) || has(FAMILY_INCOME_DOCUMENT),
    incomes: has(FAMILY_INCOME_DOCUMENT),
    notarizedPowerOfAttorney: service.representation?.powerOfAttorney === 'notarized',
    citedConsents: consentsFor(service, route),
  };
}

/**
 * The states a specialist may give a document:
 * - confirmed by an information system only where the regulation waives the paper for it (R-CERT-4);
 * - "not needed" only for optional and conditional documents;
 * - "not presented" for required and conditional ones (an optional paper not brought is "not needed",
 *   since any missing document refuses acceptance, R-REG-6);
 * - "expired" only for documents that can expire.
 */
export function documentStateOptions(doc: CatalogDocument): DocumentState[] {
  const options: DocumentState[] = ['presented'];
  if (doc.waivedWhen?.code === 'confirmedByStateIS') options.push('confirmedByInformationSystem');
  if (doc.requirement !== 'required') options.push('notApplicable');
  if (doc.requirement !== 'optional') options.push('missing');
  if (doc.canExpire) options.push('expired');
  return options;
}

/** The documents that make the package incomplete (R-REG-6): missing or expired. */
export function packageGaps(
  documents: IntakeFormValues['documents'],
  checklist: readonly CatalogDocument[],
): CatalogDocument[] {
  return checklist.filter((d) => {
    const state = documents[d.id];
    return state === 'missing' || state === 'expired';
  });
}

/** Register the application, or refuse to accept it with the 2-1 receipt (R-REG-6). */
export type IntakeMode = 'register' | 'refuse';

export function intakeMode(
  documents: IntakeFormValues['documents'],
  checklist: readonly CatalogDocument[],
): IntakeMode {
  return packageGaps(documents, checklist).length > 0 ? 'refuse' : 'register';
}

// ---- the check ----------------------------------------------------------------------------------------

/** Form field path → message key. */
export type FieldErrors = Record<string, string>;

export interface IntakeData {
  readonly mode: IntakeMode;
  readonly applicant: Applicant;
  readonly representative: Representative | undefined;
  readonly documents: DocumentCheck[];
  readonly consents: Consents;
  /** Present when the service asks for the family (registration only). */
  readonly familyMembers: FamilyMember[] | undefined;
  readonly applicantIncomes: Income[] | undefined;
}

export type IntakeCheck =
  | { readonly ok: true; readonly data: IntakeData }
  | { readonly ok: false; readonly errors: FieldErrors };

export interface IntakeCheckContext {
  /** The chosen service, or null when none is chosen. */
  readonly service: ServiceDefinition | null;
  readonly today: LocalDate;
  /** The catalog route of the desk's office (shared/intake intakeRouteOf): its checklist is asked. */
  readonly route: RouteKind;
}

const M = {
  required: 'case:validation.required',
  serviceRequired: 'intake:errors.serviceRequired',
  amount: 'intake:errors.amount',
  documentState: 'intake:errors.documentState',
  consent: 'intake:errors.consentRequired',
  birthDateIin: 'intake:errors.birthDateIinMismatch',
  notarized: 'case:rejections.notarizedPowerOfAttorneyRequired',
} as const;

const trimmed = (s: string) => s.trim();
const optionalText = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** Adds each schema issue under the form field it belongs to; `rename` maps schema paths to fields. */
function addIssues(
  errors: FieldErrors,
  prefix: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  rename: (path: string) => string | null = (p) => p,
): void {
  for (const issue of issues) {
    const field = rename(issue.path.map(String).join('.'));
    if (field === null) continue;
    const key = `${prefix}${field}`;
    if (errors[key] === undefined) errors[key] = issue.message;
  }
}

function checkIin(text: string, errors: FieldErrors, field: string, required: boolean) {
  if (text.trim() === '') {
    if (required) errors[field] = M.required;
    return null;
  }
  const result = validateIin(text);
  if (!result.ok) {
    errors[field] = result.reason;
    return null;
  }
  return result;
}

/** A typed date through the desk's one date check (shared/input): "no such date" for 31.02 here too. */
function checkDate(
  text: string,
  errors: FieldErrors,
  field: string,
  today: LocalDate,
  notAfterToday: boolean,
): LocalDate | null {
  if (text.trim() === '') {
    errors[field] = M.required;
    return null;
  }
  const checked = checkDateInput(text, notAfterToday ? { notAfter: today } : {});
  if (!checked.ok) {
    errors[field] = checked.message;
    return null;
  }
  return checked.date;
}

/** Each name part in Cyrillic and short enough for the printed line (shared/input). */
function checkNames(
  errors: FieldErrors,
  prefix: string,
  parts: Readonly<Record<string, string>>,
  max?: number,
): void {
  for (const [field, text] of Object.entries(parts)) {
    const check = checkPersonName(text, max);
    if (!check.ok && errors[`${prefix}${field}`] === undefined) {
      errors[`${prefix}${field}`] = check.message;
    }
  }
}

/**
 * Typed incomes → the payload's incomes (the intake's and the correction's): the amount in tenge, the
 * period's dates read the desk's one way, the event schema's checks and the service's plausible
 * bounds (catalog inputBounds.income; none when the service is unknown). Only valid rows are returned;
 * each problem is set on its field under `prefix`.
 */
export function checkIncomes(
  rows: readonly IncomeValues[],
  errors: FieldErrors,
  prefix: string,
  today: LocalDate,
  service: Pick<ServiceDefinition, 'inputBounds'> | null,
): Income[] {
  const incomes: Income[] = [];
  rows.forEach((row, i) => {
    const at = `${prefix}${i}.`;
    const before = Object.keys(errors).length;
    let amountTiyn = 0;
    if (row.amount.trim() === '') errors[`${at}amount`] = M.required;
    else {
      const parsed = parseTengeToTiyn(row.amount);
      if (parsed === null) errors[`${at}amount`] = M.amount;
      else amountTiyn = parsed;
    }
    // Incomes are of the months before the application: no date after today.
    const from = checkDate(row.periodFrom, errors, `${at}periodFrom`, today, true);
    const to = checkDate(row.periodTo, errors, `${at}periodTo`, today, true);
    const income = {
      source: trimmed(row.source),
      amountTiyn,
      periodFrom: from ?? '',
      periodTo: to ?? '',
    };
    const parsed = incomeSchema.safeParse(income);
    if (!parsed.success) {
      addIssues(errors, at, parsed.error.issues, (p) =>
        p === 'amountTiyn' ? 'amount' : p === 'periodFrom' || p === 'periodTo' ? null : p,
      );
      // The period order is worth saying only once both dates are readable.
      if (from !== null && to !== null) {
        addIssues(errors, at, parsed.error.issues, (p) => (p === 'periodTo' ? p : null));
      }
    }
    if (Object.keys(errors).length === before && parsed.success) {
      // Within the service's plausible bounds (catalog inputBounds.income).
      const bound = service ? checkIncome(service, parsed.data) : ({ ok: true } as const);
      if (bound.ok) incomes.push(parsed.data);
      else errors[`${at}${bound.field}`] = bound.message;
    }
  });
  return incomes;
}

/**
 * A typed representative → the payload's (the intake's and the correction's): the name as every
 * person's name (Cyrillic, FULL_NAME_MAX), the IIN when given, the power of attorney's date read the
 * desk's one way and not in the future, the event schema's checks. Undefined when anything is wrong;
 * each problem is set on its field under `prefix`. Only for `values.enabled`.
 */
export function checkRepresentative(
  values: RepresentativeValues,
  errors: FieldErrors,
  today: LocalDate,
  prefix = 'representative.',
): Representative | undefined {
  const r = normalizeText(values);
  const mine = () => Object.keys(errors).filter((key) => key.startsWith(prefix)).length;
  const before = mine();
  const repIin = checkIin(r.iin, errors, `${prefix}iin`, false);
  const poaDate = checkDate(r.poaDate, errors, `${prefix}poaDate`, today, true);
  const input = {
    name: trimmed(r.name),
    ...(repIin ? { iin: repIin.iin } : {}),
    powerOfAttorney: {
      number: trimmed(r.poaNumber),
      date: poaDate ?? '',
      issuer: trimmed(r.poaIssuer),
      notarized: r.notarized,
    },
  };
  const parsed = representativeSchema.safeParse(input);
  const field: Record<string, string | null> = {
    name: 'name',
    'powerOfAttorney.number': 'poaNumber',
    'powerOfAttorney.date': null,
    'powerOfAttorney.issuer': 'poaIssuer',
  };
  checkNames(errors, prefix, { name: r.name }, FULL_NAME_MAX);
  if (!parsed.success) {
    addIssues(errors, prefix, parsed.error.issues, (p) => field[p] ?? null);
    return undefined;
  }
  return mine() === before ? parsed.data : undefined;
}

/**
 * Checks the typed values against the chosen service. In 'refuse' mode (a missing or expired
 * document) only what the 2-1 receipt records is checked: consents and the family are not asked for.
 * Text is made NFC first (a name typed with a decomposed letter, и + ◌̆, is stored as й): the shared
 * schemas accept only NFC, so the same name always has the same bytes.
 */
export function checkIntake(typed: IntakeFormValues, context: IntakeCheckContext): IntakeCheck {
  const values = normalizeText(typed);
  const { service, today, route } = context;
  const errors: FieldErrors = {};
  if (service === null) errors['serviceId'] = M.serviceRequired;
  const needs = service ? serviceNeeds(service, route) : null;
  const mode = needs ? intakeMode(values.documents, needs.documents) : 'register';

  // Applicant.
  const a = values.applicant;
  const iin = checkIin(a.iin, errors, 'applicant.iin', true);
  let phone: string | undefined;
  if (a.phone.trim() !== '') {
    const p = validateKzMobile(a.phone);
    if (p.ok) phone = p.e164;
    else errors['applicant.phone'] = p.reason;
  } else if (a.inMobileCitizensDb) {
    // The schema says so too, but only once every other applicant field is valid.
    errors['applicant.phone'] = VALIDATION.phoneRequiredForMobileDb;
  }
  const applicantInput = {
    iin: iin?.iin ?? a.iin.trim(),
    lastName: trimmed(a.lastName),
    firstName: trimmed(a.firstName),
    patronymic: optionalText(a.patronymic),
    birthDate: iin?.birthDate ?? '',
    sex: iin?.sex ?? 'M',
    address: trimmed(a.address),
    phone,
    inMobileCitizensDb: a.inMobileCitizensDb,
    language: values.docLanguage,
  };
  checkNames(errors, 'applicant.', {
    lastName: a.lastName,
    firstName: a.firstName,
    patronymic: a.patronymic,
  });
  // An applicant under the service's age applies through a legal representative (Civil Code art. 17).
  if (service && iin && !errors['applicant.iin']) {
    const age = checkApplicantAge(service, iin.birthDate, today, values.representative.enabled);
    if (!age.ok) errors['applicant.iin'] = age.message;
  }
  const applicant = applicantSchema.safeParse(applicantInput);
  if (!applicant.success) {
    // Birth date and sex come from the IIN: their issues are the IIN's, reported there already.
    addIssues(errors, 'applicant.', applicant.error.issues, (p) =>
      p === 'birthDate' || p === 'sex' || (p === 'phone' && errors['applicant.phone']) ? null : p,
    );
  }

  // Representative (R-REG-2).
  let representative: Representative | undefined;
  const r = values.representative;
  if (r.enabled) {
    representative = checkRepresentative(r, errors, today);
    if (mode === 'register' && needs?.notarizedPowerOfAttorney && !r.notarized) {
      errors['representative.notarized'] = M.notarized;
    }
  }

  // Documents: every one on the checklist is marked.
  const documents: DocumentCheck[] = [];
  for (const doc of needs?.documents ?? []) {
    const state = values.documents[doc.id] ?? '';
    if (state === '' || !documentStateOptions(doc).includes(state)) {
      errors[`documents.${doc.id}`] = M.documentState;
    } else documents.push({ documentId: doc.id, state });
  }

  // Consents (R-REG-7): both, before registration; a refused application records none.
  if (mode === 'register') {
    if (!values.consents.personalData) errors['consents.personalData'] = M.consent;
    if (!values.consents.protectedInformation) {
      errors['consents.protectedInformation'] = M.consent;
    }
  }

  // Family and incomes, where the service asks for them.
  let familyMembers: FamilyMember[] | undefined;
  let applicantIncomes: Income[] | undefined;
  if (mode === 'register' && needs?.familyMembers) {
    familyMembers = [];
    values.familyMembers.forEach((m, i) => {
      const at = `familyMembers.${i}.`;
      const before = Object.keys(errors).length;
      const memberIin = checkIin(m.iin, errors, `${at}iin`, false);
      const birthDate = checkDate(m.birthDate, errors, `${at}birthDate`, today, true);
      if (memberIin && birthDate && memberIin.birthDate !== birthDate) {
        errors[`${at}birthDate`] = M.birthDateIin;
      }
      checkNames(errors, at, {
        lastName: m.lastName,
        firstName: m.firstName,
        patronymic: m.patronymic,
      });
      const incomes =
        needs.incomes && service
          ? checkIncomes(m.incomes, errors, `${at}incomes.`, today, service)
          : [];
      const parsed = familyMemberSchema.safeParse({
        ...(memberIin ? { iin: memberIin.iin } : {}),
        lastName: trimmed(m.lastName),
        firstName: trimmed(m.firstName),
        patronymic: optionalText(m.patronymic),
        birthDate: birthDate ?? '',
        relation: m.relation === '' ? undefined : m.relation,
        incomes,
      });
      if (!parsed.success) {
        addIssues(errors, at, parsed.error.issues, (p) =>
          p === 'birthDate' || p.startsWith('incomes') ? null : p,
        );
      }
      if (parsed.success && Object.keys(errors).length === before) familyMembers?.push(parsed.data);
    });
    if (needs.incomes && service) {
      applicantIncomes = checkIncomes(
        values.applicantIncomes,
        errors,
        'applicantIncomes.',
        today,
        service,
      );
    }
  }

  if (Object.keys(errors).length > 0 || !applicant.success) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    data: {
      mode,
      applicant: applicant.data,
      representative,
      documents,
      consents: values.consents,
      familyMembers,
      applicantIncomes,
    },
  };
}

// ---- what is worth a question, not a refusal ---------------------------------------------------

/**
 * Notes on the typed values that do not stop registration: a family member recorded as a child who
 * is past the service's child age (catalog inputBounds.childMaxAge; the child benefit is for children
 * under 18, 001:7126). The member still counts in the family, so the specialist is asked to check the
 * birth date, not refused. Field path → message key, like the errors.
 */
export function intakeNotes(
  values: Pick<IntakeFormValues, 'familyMembers'>,
  context: IntakeCheckContext,
): FieldErrors {
  const notes: FieldErrors = {};
  const { service, today } = context;
  if (!service) return notes;
  values.familyMembers.forEach((m, i) => {
    const birth = readDateInput(m.birthDate);
    if (!birth.ok || m.relation === '') return;
    const age = checkChildAge(service, { birthDate: birth.date, relation: m.relation }, today);
    if (!age.ok) notes[`familyMembers.${i}.birthDate`] = age.message;
  });
  return notes;
}
