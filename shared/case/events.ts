// The events of a case: one zod schema per event, validated on the desk before saving and again on the
// hub before accepting. What must stay true:
// - Payloads are plain JSON (strings, numbers, booleans, arrays, objects): dates are LocalDate /
//   LocalDateTime strings, money is an integer number of tiyn.
// - Schemas only check, never transform (no trim, no defaults, strict objects that reject unknown keys
//   instead of stripping them): a parsed event is the same value that was signed and stored.
// - An event type, once released, keeps its meaning; a change is a new optional field or a new type.
import { z } from 'zod';
import {
  ACTOR_ROLES,
  actorSchema,
  classifyIncoming,
  envelopeFields,
  nfcString,
  type IncomingClass,
} from '../events/envelope';
import { isLocalDate, isLocalDateTime } from '../time';
import { VALIDATION as V } from './messages';
import { parseRegistrationNumber } from './registration-number';

export const CASE_ROLES = ACTOR_ROLES;
export type CaseRole = (typeof CASE_ROLES)[number];

/**
 * - akimToDistrict: intake at the rural akimat, decision at the district department, result handed out
 *   at the akimat (service №14 of seed 001, and the 003 rules).
 * - akimLocal: the akimat does everything itself (the TSA-recipient certificate, seed 002).
 * - district: the application is filed at the district department (its desk in district mode).
 */
export const ROUTES = ['akimToDistrict', 'akimLocal', 'district'] as const;
export type Route = (typeof ROUTES)[number];

export const CHANNELS = ['office', 'portal', 'stateCorporation', 'serviceCenter'] as const;
export type Channel = (typeof CHANNELS)[number];

/** missing/expired block registration (R-REG-6); IS confirmation replaces a paper copy (R-CERT-4). */
export const DOCUMENT_STATES = [
  'presented',
  'confirmedByInformationSystem',
  'notApplicable',
  'missing',
  'expired',
] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

export const RELATIONS = [
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandparent',
  'grandchild',
  'other',
] as const;
export const COMMISSION_CONCLUSIONS = ['needed', 'notNeeded'] as const;
export const HEARING_MODES = ['video', 'informationSystem', 'other'] as const;
export type HearingMode = (typeof HEARING_MODES)[number];
export const OBJECTION_FORMS = ['written', 'oral'] as const;
export const DECISION_OUTCOMES = ['grant', 'refuse'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const ISSUE_WAYS = ['inPerson', 'sms', 'post'] as const;
/** How the specialist told the applicant that the result is ready to be collected. */
export const NOTIFY_WAYS = ['phone', 'sms', 'inPerson', 'post'] as const;
export const RECIPIENT_KINDS = ['applicant', 'representative'] as const;
/** R-ROUTE-4: the 8 → 20 working-day extension names why (000:50). */
export const EXTENSION_REASONS = ['documentsMissing', 'documentsDamaged', 'documentsLost'] as const;
export const CERTIFICATE_RESULTS = ['belongs', 'doesNotBelong'] as const;

// ---- building blocks -------------------------------------------------------------------------------

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: V.choice });

const text = nfcString().refine((s) => s.trim().length > 0, { error: V.required });
const note = nfcString().optional();

export const localDateSchema = z
  .string({ error: V.localDate })
  .refine(isLocalDate, { error: V.localDate });
export const localDateTimeSchema = z
  .string({ error: V.localDateTime })
  .refine(isLocalDateTime, { error: V.localDateTime });

// Structure only: the checksum belongs to shared/identity and is checked by the intake form. The event
// schema stays structural so that a stored event never turns invalid when that check is refined.
const iin = z.string({ error: V.iin }).regex(/^\d{12}$/, { error: V.iin });
const phone = z.string({ error: V.phone }).regex(/^\+7\d{10}$/, { error: V.phone });
const tiyn = z.int({ error: V.amount }).min(0, { error: V.amount });
const base64 = z.base64({ error: V.base64 });
const sha256Hex = z.string({ error: V.sha256 }).regex(/^[0-9a-f]{64}$/, { error: V.sha256 });
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1, { error: V.listRequired });

export const durationSchema = z.strictObject({
  amount: z.int({ error: V.count }).min(1, { error: V.count }),
  unit: choice(['minutes', 'workingDays', 'calendarDays']),
});

export const applicantSchema = z
  .strictObject({
    iin,
    lastName: text,
    firstName: text,
    patronymic: note,
    birthDate: localDateSchema,
    sex: choice(['M', 'F']),
    address: text,
    phone: phone.optional(),
    /** R-DEC-2: registered in the mobile citizens' database, so notices go out by SMS (003:49). */
    inMobileCitizensDb: z.boolean(),
    /**
     * The language the applicant wants correspondence in (SMS notices, 003:49). Optional so every event
     * stored before it stays valid. Absent: Kazakh, the state language (Constitution art. 7, Law on
     * languages art. 4), in which a state body's documents are made when nobody asked for Russian
     * (shared/sms correspondenceLanguage says so in one place).
     */
    language: choice(['kk', 'ru']).optional(),
  })
  .refine((a) => !a.inMobileCitizensDb || a.phone !== undefined, {
    error: V.phoneRequiredForMobileDb,
    path: ['phone'],
  });

// R-REG-2: a representative acts only under a power of attorney (Civil Code art. 167; notarized for
// the TSA certificate, 002:15). Its absence is a schema error, so no such event can be stored.
const powerOfAttorneySchema = z.strictObject(
  {
    number: text,
    date: localDateSchema,
    issuer: text,
    notarized: z.boolean().optional(),
  },
  { error: (issue) => (issue.input === undefined ? V.powerOfAttorneyRequired : undefined) },
);

export const representativeSchema = z.strictObject({
  name: text,
  iin: iin.optional(),
  powerOfAttorney: powerOfAttorneySchema,
});

export const documentCheckSchema = z.strictObject({
  documentId: text,
  state: choice(DOCUMENT_STATES),
});

export const consentsSchema = z.strictObject({
  /** To collect and process personal data for social assistance (000:32). */
  personalData: z.boolean(),
  /** To use information from state systems that is a secret protected by law (002:15). */
  protectedInformation: z.boolean(),
});

const period = { periodFrom: localDateSchema, periodTo: localDateSchema };
const periodOrdered = (p: { periodFrom: string; periodTo: string }) => p.periodFrom <= p.periodTo;
const periodIssue = { error: V.periodOrder, path: ['periodTo'] };

export const incomeSchema = z
  .strictObject({ source: text, amountTiyn: tiyn, ...period })
  .refine(periodOrdered, periodIssue);

export const familyMemberSchema = z.strictObject({
  iin: iin.optional(),
  lastName: text,
  firstName: text,
  patronymic: note,
  birthDate: localDateSchema,
  relation: choice(RELATIONS),
  incomes: z.array(incomeSchema),
});

export const attachmentSchema = z.strictObject({
  sha256: sha256Hex,
  name: text,
  mime: text,
  size: z.int({ error: V.count }).min(0, { error: V.count }),
});

export { actorSchema };

export const signatureSchema = z.strictObject({
  keyId: text,
  algorithm: z.literal('ECDSA-P256-SHA256'),
  value: base64,
  signedDigest: base64,
});

// ---- payloads ------------------------------------------------------------------------------------------

/** What the applicant brought: shared by a registered and a refused application (form 2-1). */
const intake = {
  serviceId: text,
  ruleSetId: text,
  route: choice(ROUTES),
  channel: choice(CHANNELS),
  applicant: applicantSchema,
  representative: representativeSchema.optional(),
  documents: z.array(documentCheckSchema),
  receivedAt: localDateTimeSchema,
};

const registered = z
  .strictObject({
    ...intake,
    consents: consentsSchema,
    familyMembers: z.array(familyMemberSchema).optional(),
    applicantIncomes: z.array(incomeSchema).optional(),
    attachments: z.array(attachmentSchema),
    registrationDate: localDateSchema,
    registrationNumber: z
      .string({ error: V.registrationNumberFormat })
      .refine((n) => parseRegistrationNumber(n).ok, { error: V.registrationNumberFormat }),
    dueDate: localDateSchema,
  })
  .superRefine((p, ctx) => {
    const parsed = parseRegistrationNumber(p.registrationNumber);
    if (parsed.ok && String(parsed.value.year) !== p.registrationDate.slice(0, 4)) {
      ctx.addIssue({
        code: 'custom',
        message: V.registrationNumberYear,
        path: ['registrationNumber'],
      });
    }
    // R-REG-1: registered on the day of receipt or later, never before.
    if (p.registrationDate < p.receivedAt.slice(0, 10)) {
      ctx.addIssue({
        code: 'custom',
        message: V.registrationBeforeReceipt,
        path: ['registrationDate'],
      });
    }
    if (p.dueDate < p.registrationDate) {
      ctx.addIssue({ code: 'custom', message: V.dueBeforeRegistration, path: ['dueDate'] });
    }
  });

const acceptanceRefused = z.strictObject({
  ...intake,
  refusalDate: localDateSchema,
  /** Number of the 2-1 receipt, when the office numbers them. */
  receiptNumber: note,
  attachments: z.array(attachmentSchema).optional(),
});

const grant = z.strictObject({
  outcome: z.literal('grant'),
  number: text,
  date: localDateSchema,
  amountTiyn: tiyn.optional(),
  periodFrom: localDateSchema.optional(),
  periodTo: localDateSchema.optional(),
  /** R-HEAR-6: how the remarks on the hearing protocol were considered. */
  remarksConsideration: note,
});

const refuse = z.strictObject({
  outcome: z.literal('refuse'),
  number: text,
  date: localDateSchema,
  /** R-DEC-6: a refusal is reasoned ("дәлелденген бас тарту", 004:313). */
  justification: nfcString(V.justificationRequired).refine((s) => s.trim().length > 0, {
    error: V.justificationRequired,
  }),
  groundCodes: z.array(text).optional(),
  remarksConsideration: note,
});

export const payloadSchemas = {
  Registered: registered,
  AcceptanceRefused: acceptanceRefused,
  ProactiveCaseOpened: z.strictObject({
    serviceId: text,
    ruleSetId: text,
    occasion: z.strictObject({ code: text, name: text, date: localDateSchema }),
    recipient: applicantSchema,
    dueDate: localDateSchema.optional(),
    /**
     * The okrug (akimat office) the recipient lives in, whose case this is: the district opens it, the
     * akimat of the okrug sees it and hands over the notice (issue 9 §12). Absent on cases opened
     * before it existed: the opening actor's office, as for every other case.
     */
    officeId: text.optional(),
  }),
  ResolutionImposed: z.strictObject({ executorUserId: text, text }),
  SentToCommission: z.strictObject({ note }),
  CommissionActRecorded: z.strictObject({
    actDate: localDateSchema,
    actNumber: note,
    members: list(z.strictObject({ name: text, position: note })),
    findings: text,
    conclusion: choice(COMMISSION_CONCLUSIONS),
  }),
  ForwardedToDistrict: z.strictObject({ registerId: text, registerNumber: text }),
  ReceivedByDistrict: z.strictObject({ incomingNumber: note }),
  /**
   * R-ROUTE-6 [I]: the district department sends a case it received back to the akimat because a
   * document is missing, naming each missing paper (the catalog's document id when it is one of the
   * service's list). The seeds give the district the full package (003:35-36, "құжаттардың толық
   * топтамасын") and, in the older rules, a return of an incomplete package with its reasons in writing
   * (001:7163-7164 / 1295-1296); the case's log keeps the return and what was missing.
   */
  ReturnedForCompletion: z.strictObject({
    missingDocuments: list(z.strictObject({ documentId: text.optional(), text })),
    note,
    outgoingNumber: note,
  }),
  IncomeComputed: z
    .strictObject({
      familySize: z.int({ error: V.count }).min(1, { error: V.count }),
      totalIncomeTiyn: tiyn,
      perCapitaIncomeTiyn: tiyn,
      ...period,
    })
    .refine(periodOrdered, periodIssue),
  // R-HEAR-2: the hearing is set with a date, a time and a mode (003:39-42).
  PreliminaryRefusalNoticed: z.strictObject({
    grounds: list(z.strictObject({ code: text, text })),
    noticeDate: localDateSchema,
    receivedOn: localDateSchema.optional(),
    hearing: z.strictObject(
      {
        at: z
          .string({ error: V.hearingTimeRequired })
          .refine(isLocalDateTime, { error: V.hearingTimeRequired }),
        mode: z.enum(HEARING_MODES, {
          error: (issue) => (issue.input === undefined ? V.hearingModeRequired : V.choice),
        }),
        details: note,
      },
      { error: (issue) => (issue.input === undefined ? V.hearingTimeRequired : undefined) },
    ),
  }),
  /**
   * R-HEAR-3: the day the applicant received the preliminary refusal notice, when it was not known as
   * the notice went out (a notice sent by post). The objection window counts from this day (003:43).
   */
  RefusalNoticeReceived: z.strictObject({ receivedOn: localDateSchema }),
  ObjectionFiled: z.strictObject({
    form: choice(OBJECTION_FORMS),
    date: localDateSchema,
    summary: note,
  }),
  HearingProtocolRecorded: z.strictObject({ date: localDateSchema, number: note, summary: text }),
  ProtocolFamiliarized: z.strictObject({ date: localDateSchema }),
  RemarksFiled: z.strictObject({ date: localDateSchema, text }),
  DecisionMade: z.discriminatedUnion('outcome', [grant, refuse], { error: V.choice }),
  /** The envelope signature covers this digest of the canonical result document (R-DEC-5). */
  ResultSigned: z.strictObject({
    documentDigest: base64,
    /**
     * The office the signed notice names (shared/documents OfficeContent): the signing desk's, the
     * district department, so the akimat's desk rebuilds the very document that was signed. Optional
     * so events stored before it stay valid; those were signed at the desk that holds them.
     */
    office: z
      .strictObject({
        officeId: text,
        code: text,
        nameKk: text,
        nameRu: text,
        districtKk: text,
        districtRu: text,
      })
      .optional(),
  }),
  CertificateIssued: z.strictObject({
    result: choice(CERTIFICATE_RESULTS),
    number: text,
    date: localDateSchema,
    documentDigest: base64,
    /**
     * What the signed certificate states about the register ('YYYY-Qn' and the family members), so
     * the certificate can be printed and verified from the event alone, whatever the local register
     * of recipients holds later.
     */
    quarter: z
      .string({ error: V.choice })
      .regex(/^\d{4}-Q[1-4]$/, { error: V.choice })
      .optional(),
    familyMembers: z.array(text).optional(),
  }),
  ReturnedToAkimat: z.strictObject({ outgoingNumber: note }),
  /**
   * The district's result as the akimat receives it on paper (decision, number, date) while the desk
   * cannot sync. The paper notice carries its own handwritten signature, so R-DEC-5's electronic
   * signature does not apply to it.
   */
  DistrictResultRecorded: z.strictObject({
    decision: z.discriminatedUnion('outcome', [grant, refuse], { error: V.choice }),
    receivedOn: localDateSchema,
    outgoingNumber: note,
  }),
  /**
   * The specialist told the applicant the result is ready (how, and a note). The akimat's issue step
   * (001:11148 / 4913, "не более 15 минут", table 001:11414) runs from this moment, not from the
   * result's arrival: the 15 minutes are service "на месте в день обращения" (001:11113), so they
   * start when the applicant can come, never while nobody has told them.
   */
  ApplicantNotifiedResultReady: z.strictObject({ way: choice(NOTIFY_WAYS), note }),
  ResultIssued: z.strictObject({
    date: localDateSchema,
    way: choice(ISSUE_WAYS),
    to: z.strictObject({ kind: choice(RECIPIENT_KINDS), name: text }),
  }),
  Withdrawn: z.strictObject({ reason: text, requestDate: localDateSchema }),
  /**
   * `groundCode` names the rule-set's suspension ground (catalog `suspensionGrounds`); a rule-set that
   * names none allows no suspension at all (001:11136 / 4901, 7165, 11629).
   */
  TermSuspended: z.strictObject({ reason: text, groundCode: text.optional() }),
  TermResumed: z.strictObject({ note }),
  TermExtended: z.strictObject({
    reason: choice(EXTENSION_REASONS),
    term: durationSchema,
    newDueDate: localDateSchema,
  }),
  /**
   * A person moves the due date after a correction of the working-day calendar (a holiday moved or
   * added). Without it a registered case keeps the due date printed on its talon.
   */
  TermReplanned: z.strictObject({
    newDueDate: localDateSchema,
    calendarVersion: text,
    reason: text,
  }),
  /**
   * A correction of the application after registration (a typo in a name, a family member left out, a
   * document state marked wrongly), with its reason. Each section given replaces that section of the
   * application as it stands; a section not given stays as it is. The Registered event is never
   * changed: the log keeps what was registered and every correction (ARCHITECTURE §3). `representation`
   * without a representative: the applicant now acts in person. Consents and scans are not corrected.
   */
  ApplicationCorrected: z
    .strictObject({
      reason: text,
      applicant: applicantSchema.optional(),
      representation: z
        .strictObject({ representative: representativeSchema.optional() })
        .optional(),
      familyMembers: z.array(familyMemberSchema).optional(),
      applicantIncomes: z.array(incomeSchema).optional(),
      documents: z.array(documentCheckSchema).optional(),
    })
    .refine(
      (p) =>
        p.applicant !== undefined ||
        p.representation !== undefined ||
        p.familyMembers !== undefined ||
        p.applicantIncomes !== undefined ||
        p.documents !== undefined,
      { error: V.correctionEmpty },
    ),
  ConflictAcknowledged: z.strictObject({ eventId: text, note: text }),
} as const;

// ---- envelope ------------------------------------------------------------------------------------------

const envelope = {
  ...envelopeFields,
  caseId: z.string().min(1).max(128),
};

function event<T extends keyof typeof payloadSchemas>(type: T) {
  return z.strictObject({
    ...envelope,
    type: z.literal(type),
    payload: payloadSchemas[type],
    signature: signatureSchema.optional(),
  });
}

/** Events the law wants signed carry their signature; the hub verifies it. */
function signedEvent<T extends keyof typeof payloadSchemas>(type: T) {
  return z.strictObject({
    ...envelope,
    type: z.literal(type),
    payload: payloadSchemas[type],
    signature: signatureSchema,
  });
}

export const caseEventSchema = z.discriminatedUnion('type', [
  event('Registered'),
  event('AcceptanceRefused'),
  event('ProactiveCaseOpened'),
  event('ResolutionImposed'),
  event('SentToCommission'),
  event('CommissionActRecorded'),
  event('ForwardedToDistrict'),
  event('ReceivedByDistrict'),
  event('ReturnedForCompletion'),
  event('IncomeComputed'),
  event('PreliminaryRefusalNoticed'),
  event('RefusalNoticeReceived'),
  event('ObjectionFiled'),
  event('HearingProtocolRecorded'),
  event('ProtocolFamiliarized'),
  event('RemarksFiled'),
  event('DecisionMade'),
  signedEvent('ResultSigned'),
  signedEvent('CertificateIssued'),
  event('ReturnedToAkimat'),
  event('DistrictResultRecorded'),
  event('ApplicantNotifiedResultReady'),
  event('ResultIssued'),
  event('Withdrawn'),
  event('TermSuspended'),
  event('TermResumed'),
  event('TermExtended'),
  event('TermReplanned'),
  event('ApplicationCorrected'),
  event('ConflictAcknowledged'),
]);

export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
export type PayloadOf<T extends CaseEventType> = CaseEventOf<T>['payload'];

/** In the order of a case's life; the order allowedEvents lists them in. */
export const CASE_EVENT_TYPES = Object.keys(payloadSchemas) as CaseEventType[];

export const SIGNED_EVENT_TYPES: readonly CaseEventType[] = ['ResultSigned', 'CertificateIssued'];

export type { Actor } from '../events/envelope';
export type EventSignature = z.infer<typeof signatureSchema>;
export type Applicant = z.infer<typeof applicantSchema>;
export type Representative = z.infer<typeof representativeSchema>;
export type DocumentCheck = z.infer<typeof documentCheckSchema>;
export type Consents = z.infer<typeof consentsSchema>;
export type Income = z.infer<typeof incomeSchema>;
export type FamilyMember = z.infer<typeof familyMemberSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type DecisionPayload = PayloadOf<'DecisionMade'>;

/** Validates an unknown value (from IPC, the network, the database) as a case event. */
export function parseCaseEvent(
  input: unknown,
):
  | { readonly ok: true; readonly event: CaseEvent }
  | { readonly ok: false; readonly error: z.ZodError } {
  const result = caseEventSchema.safeParse(input);
  return result.success ? { ok: true, event: result.data } : { ok: false, error: result.error };
}

/** An event that arrived from elsewhere: understood, from a newer desk (kept, not folded), or invalid. */
export function classifyIncomingCaseEvent(input: unknown): IncomingClass<CaseEvent> {
  return classifyIncoming(input, caseEventSchema);
}
