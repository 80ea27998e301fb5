// The service catalog is legal data: every term, document, ground and step carries the seed line it
// comes from. A new regulation is a new JSON file under data/ that this schema accepts; code never
// hard-codes a term. Legal texts (names, documents, grounds, step actions) live in the data in both
// languages because they are cited wording; only UI message keys live in locales/{kk,ru}/catalog.json.
import { z } from 'zod';
import { addDays, isLocalDate, type Duration } from '../time';

export const SEED_IDS = ['000', '001', '002', '003', '004'] as const;
export const seedIdSchema = z.enum(SEED_IDS);
export type SeedId = z.infer<typeof seedIdSchema>;

/**
 * Line counts of the seed files as `wc -l` reports them. 000 and 001 end without a newline, so their
 * real last lines (156, 12169) are one higher; nothing in the catalog cites those last lines, and
 * keeping the stricter bound means a citation past it is flagged.
 */
export const SEED_LINE_COUNTS: Readonly<Record<SeedId, number>> = {
  '000': 155,
  '001': 12168,
  '002': 16,
  '003': 72,
  '004': 1047,
};

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id');
const codeId = z.string().regex(/^[a-zA-Z0-9.]+$/, 'camelCase or dotted code');
export const localDateSchema = z.string().refine(isLocalDate, 'LocalDate YYYY-MM-DD');

const sourceFields = {
  seed: seedIdSchema,
  lines: z.array(z.number().int().positive()).min(1),
};

function linesInSeed(s: { seed: SeedId; lines: readonly number[] }, ctx: z.RefinementCtx): void {
  const max = SEED_LINE_COUNTS[s.seed];
  s.lines.forEach((line, i) => {
    if (line > max) {
      ctx.addIssue({
        code: 'custom',
        message: `line ${line} is past seed ${s.seed} (${max} lines)`,
        path: ['lines', i],
      });
    }
  });
}

/** Where a value comes from: seed file, 1-based line numbers, and optionally the verbatim words. */
export const sourceSchema = z
  .strictObject({ ...sourceFields, quote: z.string().min(1).optional() })
  .superRefine(linesInSeed);
export type Source = z.infer<typeof sourceSchema>;

/** A source that must carry the verbatim words (terms, step durations, readings). */
export const quotedSourceSchema = z
  .strictObject({ ...sourceFields, quote: z.string().min(1) })
  .superRefine(linesInSeed);
export type QuotedSource = z.infer<typeof quotedSourceSchema>;

const sources = z.array(sourceSchema).min(1);

/**
 * Text in both languages. `translated` marks which side is our own wording (a translation or a
 * summary), not the regulation's words: seeds 000, 002, 003 and 004 exist only in Kazakh.
 */
export const legalTextSchema = z.strictObject({
  kk: z.string().min(1),
  ru: z.string().min(1),
  translated: z.enum(['kk', 'ru', 'both']).optional(),
});
export type LegalText = z.infer<typeof legalTextSchema>;

export const durationSchema = z.strictObject({
  amount: z.number().int().positive(),
  unit: z.enum(['minutes', 'workingDays', 'calendarDays']),
});
// The catalog's durations are the time module's Duration, not a look-alike.
const _durationIsTimeDuration: (d: z.infer<typeof durationSchema>) => Duration = (d) => d;
void _durationIsTimeDuration;

/** A term exactly as written: amount and unit, plus the verbatim words and their lines. */
export const termSchema = z.strictObject({
  /** null: the text gives words but no usable amount and unit (e.g. "в течение 7 дней"). */
  duration: durationSchema.nullable(),
  sources: z.array(quotedSourceSchema).min(1),
  note: z.string().min(1).optional(),
});
export type Term = z.infer<typeof termSchema>;

export const ROUTE_KINDS = [
  'akim',
  'authorizedBody',
  'serviceCenter',
  'portal',
  'stateCorporation',
] as const;
export const routeKindSchema = z.enum(ROUTE_KINDS);
export type RouteKind = z.infer<typeof routeKindSchema>;

export const citedTextSchema = z.strictObject({
  id: z.string().min(1),
  text: legalTextSchema,
  sources,
});
export type CitedText = z.infer<typeof citedTextSchema>;

/** An applicant category a channel is restricted to (000: portal only for these, R-VER-2). */
export const applicantCategorySchema = z.strictObject({
  id: codeId,
  label: legalTextSchema,
  sources,
});
export type ApplicantCategory = z.infer<typeof applicantCategorySchema>;

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** A daily window as shared/calendar's DailyHours: open ≤ t < close, minus the lunch break. */
export const dailyHoursSchema = z.strictObject({
  open: timeSchema,
  close: timeSchema,
  lunch: z.strictObject({ from: timeSchema, to: timeSchema }).nullable(),
});

export const availableRouteSchema = z.strictObject({
  available: z.literal(true),
  /** null: the rule-set states no overall term for this route. */
  term: termSchema.nullable(),
  /** false where the text says the day of acceptance is not part of the term; null: not stated. */
  acceptanceDayCounted: z.boolean().nullable(),
  issueDayCounted: z.boolean().nullable(),
  /** All must hold for a citizen to use the route (akim: "no authorized body at the place of residence"). */
  conditions: z.array(citedTextSchema),
  /** Empty: open to every applicant of the service. */
  restrictedTo: z.array(applicantCategorySchema),
  maxWait: termSchema.nullable(),
  maxService: termSchema.nullable(),
  /**
   * When the office accepts a package on this route, where the text makes it a condition (002:12: the
   * certificate, given on the spot, is accepted 9:00–17:30 with lunch 13:00–14:30). Absent: the
   * office's intake hours only warn.
   */
  intakeWindow: z.strictObject({ hours: dailyHoursSchema, sources }).optional(),
  sources,
});
export const unavailableRouteSchema = z.strictObject({
  available: z.literal(false),
  sources: z.array(sourceSchema),
  note: z.string().min(1).optional(),
});
export const routeSchema = z.discriminatedUnion('available', [
  availableRouteSchema,
  unavailableRouteSchema,
]);
export type Route = z.infer<typeof routeSchema>;
export type AvailableRoute = z.infer<typeof availableRouteSchema>;

export const routesSchema = z.strictObject({
  akim: routeSchema,
  authorizedBody: routeSchema,
  serviceCenter: routeSchema,
  portal: routeSchema,
  stateCorporation: routeSchema,
});
export type Routes = z.infer<typeof routesSchema>;

export const documentSchema = z.strictObject({
  id: kebabId,
  label: legalTextSchema,
  requirement: z.enum(['required', 'optional', 'conditional']),
  condition: legalTextSchema.nullable(),
  /** Our classification, not the text's: identity papers, certificates, bills and income papers expire. */
  canExpire: z.boolean(),
  /** null: every route; otherwise only these. */
  routes: z.array(routeKindSchema).min(1).nullable(),
  /** Required unless this holds (002: identity confirmed by a state information system, R-CERT-4). */
  waivedWhen: z
    .strictObject({ code: z.enum(['confirmedByStateIS']), text: legalTextSchema, sources })
    .optional(),
  sources,
});
export type CatalogDocument = z.infer<typeof documentSchema>;

export const groundSchema = z.strictObject({
  id: kebabId,
  text: legalTextSchema,
  routes: z.array(routeKindSchema).min(1).nullable(),
  sources,
});
export type Ground = z.infer<typeof groundSchema>;

export const groundListSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('list'), grounds: z.array(groundSchema).min(1) }),
  /** The text says explicitly that there are none. */
  z.strictObject({ kind: z.literal('noneExist'), sources }),
  /** The text is silent (or the list is in an appendix that is not in the seed). */
  z.strictObject({ kind: z.literal('notStated'), note: z.string().min(1) }),
]);
export type GroundList = z.infer<typeof groundListSchema>;

export const RESULT_KINDS = [
  'grantNotice',
  'reasonedRefusal',
  'refusalNotice',
  'decision',
  'certificateBelongs',
  'certificateDoesNotBelong',
  'unemployedCertificate',
  'registrationRecord',
  'referral',
  'oralConsultation',
  'acceptanceRefusalReceipt',
  'suspensionOrTerminationNotice',
  'portalRefusalMessage',
] as const;
export const resultSchema = z.strictObject({
  id: kebabId,
  kind: z.enum(RESULT_KINDS),
  label: legalTextSchema,
  sources,
});
export type CatalogResult = z.infer<typeof resultSchema>;

export const consentSchema = z.strictObject({
  id: z.enum(['personalData', 'protectedSecrets']),
  text: legalTextSchema,
  routes: z.array(routeKindSchema).min(1).nullable(),
  sources,
});
export type Consent = z.infer<typeof consentSchema>;

export const representationSchema = z.strictObject({
  powerOfAttorney: z.enum(['notarized', 'notNotarized', 'civilCode167', 'establishedProcedure']),
  text: legalTextSchema,
  sources,
});

/**
 * What a careful specialist would question at intake, as data of the service (shared/input reads it):
 * an age the applicant or a child must be under or over, and how large an income can plausibly be.
 * Each bound says why in both languages; `sources` cite the regulation where the bound is the law's
 * (the child benefit is for children under 18, 001:7126 / 1258), and are empty where it is our own
 * typing guard or follows from a code outside the seeds (the reason then says so).
 */
const boundFields = { reason: legalTextSchema, sources: z.array(sourceSchema) };
export const inputBoundsSchema = z.strictObject({
  /** The applicant applies alone from this age; younger, through a legal representative. */
  applicantMinAge: z
    .strictObject({ years: z.number().int().positive(), ...boundFields })
    .optional(),
  /** A family member recorded as a child is counted for the service while younger than this. */
  childMaxAge: z.strictObject({ years: z.number().int().positive(), ...boundFields }).optional(),
  /** A typed income: at most this much a month (in tiyn) over a period of at most so many months. */
  income: z
    .strictObject({
      maxMonthlyTiyn: z.number().int().positive(),
      maxPeriodMonths: z.number().int().positive(),
      ...boundFields,
    })
    .optional(),
  /**
   * The amount the district granted, typed from its paper notice (DistrictResultRecorded): at most
   * this much a month (in tiyn) over its period (one month when the notice names none), a period of
   * at most so many months.
   */
  award: z
    .strictObject({
      maxMonthlyTiyn: z.number().int().positive(),
      maxPeriodMonths: z.number().int().positive(),
      ...boundFields,
    })
    .optional(),
});
export type InputBounds = z.infer<typeof inputBoundsSchema>;

export const ACTORS = [
  'applicant',
  'specialist',
  'akim',
  'executor',
  'commission',
  'district',
  'districtHead',
] as const;
export const actorSchema = z.enum(ACTORS);
export type Actor = z.infer<typeof actorSchema>;

export const stepConditionSchema = z.strictObject({ code: codeId, text: legalTextSchema });
export type StepCondition = z.infer<typeof stepConditionSchema>;

/** Another duration for the same step when a stated circumstance holds (000: 20 WD if documents are missing). */
export const stepAlternativeSchema = z.strictObject({
  code: codeId,
  /** The circumstance must be recorded with one of these reasons (R-ROUTE-4). */
  reasonCodes: z.array(codeId).min(1),
  when: legalTextSchema,
  duration: durationSchema,
  sources: z.array(quotedSourceSchema).min(1),
});

export const stepSchema = z
  .strictObject({
    id: kebabId,
    actor: actorSchema,
    action: legalTextSchema,
    /** null: the source gives none (or gives words without a usable unit). */
    duration: durationSchema.nullable(),
    durationSources: z.array(quotedSourceSchema),
    /**
     * within: the step must end within `duration` of its start;
     * beforeDecision: it must happen at least `duration` before the decision;
     * sameWorkingDayElseNext: on the day of receipt if that is a working day, else the next one.
     */
    timing: z.enum(['within', 'beforeDecision', 'sameWorkingDayElseNext']),
    condition: stepConditionSchema.nullable(),
    alternatives: z.array(stepAlternativeSchema),
    sources,
    note: z.string().min(1).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.duration !== null && s.durationSources.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'a duration needs its quoted source',
        path: ['durationSources'],
      });
    }
  });
export type Step = z.infer<typeof stepSchema>;

export const villageCommissionSchema = z.discriminatedUnion('participates', [
  z.strictObject({ participates: z.literal('no'), sources: z.array(sourceSchema) }),
  z.strictObject({
    participates: z.literal('always'),
    examinationTerm: termSchema.nullable(),
    sources,
  }),
  z.strictObject({
    participates: z.literal('byGround'),
    /** Reference data, overridable by office configuration (R-ROUTE-3). */
    triggerGrounds: z
      .array(z.strictObject({ code: codeId, label: legalTextSchema, sources }))
      .min(1),
    sendWithin: termSchema,
    examinationTerm: termSchema.nullable(),
    sources,
  }),
]);
export type VillageCommission = z.infer<typeof villageCommissionSchema>;

export const akimProcessSchema = z.strictObject({
  steps: z.array(stepSchema).min(1),
  villageCommission: villageCommissionSchema,
  /** Which office hands the result to the applicant on the akim route. */
  resultIssuedAt: z.enum(['akimat', 'district']),
  /** The texts conflict on the issuing office; the desk lets an office choose (R-ROUTE-5). */
  resultIssuedAtConfigurable: z.boolean().optional(),
  resultIssuedAtNote: z.string().min(1).optional(),
  resultIssuedAtSources: sources,
  /** false: the regulation describes the akim route only in part; `gaps` says what is missing. */
  complete: z.boolean(),
  gaps: z.array(z.string().min(1)),
});
export type AkimProcess = z.infer<typeof akimProcessSchema>;

const readingSideSchema = z.strictObject({
  lang: z.enum(['kk', 'ru']),
  source: quotedSourceSchema,
  duration: durationSchema.nullable().optional(),
});

/**
 * Where the Kazakh and Russian texts disagree we choose one reading and keep the other with its line.
 * `appliesTo` is the dotted path of the field that holds the chosen value (array items by id), or
 * null when the disagreement concerns something the catalog does not model.
 */
export const readingSchema = z
  .strictObject({
    id: kebabId,
    appliesTo: z.string().min(1).nullable(),
    chosen: z.enum(['kk', 'ru']),
    reason: z.string().min(1),
    chosenReading: readingSideSchema,
    alternative: readingSideSchema,
  })
  .superRefine((r, ctx) => {
    if (r.chosenReading.lang !== r.chosen) {
      ctx.addIssue({
        code: 'custom',
        message: 'chosenReading must be in the chosen language',
        path: ['chosenReading'],
      });
    }
    if (r.alternative.lang === r.chosen) {
      ctx.addIssue({
        code: 'custom',
        message: 'alternative must be the other language',
        path: ['alternative'],
      });
    }
  });
export type Reading = z.infer<typeof readingSchema>;

export const registrationRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('withinDurationOfSubmission'),
    duration: durationSchema,
    sources: z.array(quotedSourceSchema).min(1),
  }),
  z.strictObject({
    kind: z.literal('sameWorkingDayElseNextWorkingDay'),
    duration: z.null(),
    sources: z.array(quotedSourceSchema).min(1),
  }),
]);

/**
 * A term for answering the applicant when the provider finds a reason not to go on: a refusal or a
 * suspension notice (fuel aid, 001:9286 / 3109), a refusal returned via the Centre within 10 calendar
 * days, an incomplete package returned within 3 working days (child benefit, 001:7163-7164 / 1295-1296).
 * Counted from the day the provider received the package.
 */
export const NOTICE_TERM_OCCASIONS = [
  'refusalOrSuspension',
  'refusal',
  'incompletePackage',
] as const;
export type NoticeTermOccasion = (typeof NOTICE_TERM_OCCASIONS)[number];

export const noticeTermSchema = z.strictObject({
  id: kebabId,
  when: z.enum(NOTICE_TERM_OCCASIONS),
  /** The routes the term binds; null: every route of the service. */
  routes: z.array(routeKindSchema).min(1).nullable(),
  anchor: z.literal('packageReceived'),
  duration: durationSchema,
  text: legalTextSchema,
  sources: z.array(quotedSourceSchema).min(1),
});
export type NoticeTerm = z.infer<typeof noticeTermSchema>;

export const serviceSchema = z
  .strictObject({
    id: kebabId,
    /** Number of the regulation in its act (001: 1-16, 004: 1-2); null where the act has one service. */
    number: z.number().int().positive().nullable(),
    name: legalTextSchema,
    nameSources: sources,
    legalBasis: citedTextSchema.nullable(),
    applicants: z.array(citedTextSchema),
    /** True iff the akim route is available: a rural akimat can register the case itself. */
    registrableAtAkimat: z.boolean(),
    routes: routesSchema,
    /** Where a citizen applies instead; required when the service is not registrable at the akimat. */
    applyInsteadAt: z.strictObject({ text: legalTextSchema, sources }).nullable(),
    documents: z.array(documentSchema),
    refusalGrounds: groundListSchema,
    suspensionGrounds: groundListSchema,
    terminationGrounds: groundListSchema,
    noticeTerms: z.array(noticeTermSchema).optional(),
    results: z.array(resultSchema).min(1),
    consents: z.array(consentSchema),
    representation: representationSchema.nullable(),
    /** Plausibility bounds of the intake (shared/input); absent: none beyond the event schema's. */
    inputBounds: inputBoundsSchema.optional(),
    akimProcess: akimProcessSchema.nullable(),
    registrationRule: registrationRuleSchema.nullable(),
    /** 003: assistance for holidays and memorable dates without an application (R-PRO-1). */
    proactive: z.strictObject({ text: legalTextSchema, sources }).nullable(),
    readings: z.array(readingSchema),
    notes: z.array(z.strictObject({ text: z.string().min(1), sources })),
  })
  .superRefine((s, ctx) => {
    const issue = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path });
    if (s.registrableAtAkimat !== s.routes.akim.available) {
      issue('registrableAtAkimat must equal routes.akim.available', ['registrableAtAkimat']);
    }
    if (s.registrableAtAkimat && s.akimProcess === null)
      issue('a registrable service needs its akim process', ['akimProcess']);
    if (!s.registrableAtAkimat && s.akimProcess !== null)
      issue('no akim process without an akim route', ['akimProcess']);
    if (!s.registrableAtAkimat && s.applyInsteadAt === null)
      issue('say where to apply instead', ['applyInsteadAt']);
    const unique = (ids: readonly string[], path: string) => {
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(id)) issue(`duplicate id ${id}`, [path]);
        seen.add(id);
      }
    };
    unique(
      s.documents.map((d) => d.id),
      'documents',
    );
    unique(
      s.results.map((r) => r.id),
      'results',
    );
    unique(
      s.readings.map((r) => r.id),
      'readings',
    );
    if (s.akimProcess)
      unique(
        s.akimProcess.steps.map((st) => st.id),
        'akimProcess',
      );
    if (s.refusalGrounds.kind === 'list')
      unique(
        s.refusalGrounds.grounds.map((g) => g.id),
        'refusalGrounds',
      );
    for (const kind of ROUTE_KINDS) {
      const r = s.routes[kind];
      for (const d of s.documents) {
        if (d.routes?.includes(kind) && !r.available)
          issue(`document ${d.id} names unavailable route ${kind}`, ['documents']);
      }
    }
  });
export type ServiceDefinition = z.infer<typeof serviceSchema>;

export const officeSchema = z.strictObject({
  id: kebabId,
  route: routeKindSchema,
  name: legalTextSchema,
  address: legalTextSchema.nullable(),
  sources,
});
export type Office = z.infer<typeof officeSchema>;

export const ruleSetSchema = z
  .strictObject({
    /** Free text for people reading the JSON; ignored by code. */
    $comment: z.string().optional(),
    id: kebabId,
    seed: seedIdSchema,
    title: legalTextSchema,
    legalSource: z.strictObject({
      kind: z.enum(['akimatResolution', 'ministerialOrder', 'servicePassport']),
      issuingBody: legalTextSchema.nullable(),
      date: localDateSchema.nullable(),
      number: z.string().min(1).nullable(),
      registration: z.strictObject({ date: localDateSchema, number: z.string().min(1) }).nullable(),
      amends: z
        .strictObject({
          date: localDateSchema,
          number: z.string().min(1),
          registrationNumber: z.string().min(1),
          sources,
        })
        .optional(),
      sources,
    }),
    territory: legalTextSchema,
    entryIntoForce: z.strictObject({
      kind: z.enum(['calendarDaysAfterFirstPublication', 'notStated']),
      calendarDays: z.number().int().positive().nullable(),
      publicationDate: localDateSchema.nullable(),
      publicationDateAssumed: z.boolean(),
      assumption: z.string().min(1).nullable(),
      sources,
    }),
    /** First registration date the rule-set governs. */
    effectiveFrom: localDateSchema,
    /** Last registration date it governs (inclusive); null: open-ended. */
    effectiveTo: localDateSchema.nullable(),
    legalStatus: z.strictObject({
      status: z.enum(['inForce', 'repealed', 'unknown']),
      repealedBy: z
        .strictObject({ date: localDateSchema, number: z.string().min(1), body: legalTextSchema })
        .nullable(),
      /** false: a recorded repeal that deliberately does not end the rule-set (product decision for 001). */
      appliedAsEndDate: z.boolean(),
      note: z.string().min(1),
      sources,
    }),
    offices: z.array(officeSchema),
    services: z.array(serviceSchema).min(1),
  })
  .superRefine((r, ctx) => {
    const issue = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path });
    if (r.effectiveTo !== null && r.effectiveTo < r.effectiveFrom)
      issue('effectiveTo before effectiveFrom', ['effectiveTo']);
    const e = r.entryIntoForce;
    if (e.kind === 'calendarDaysAfterFirstPublication') {
      if (e.calendarDays === null || e.publicationDate === null) {
        issue('calendar days and publication date are needed', ['entryIntoForce']);
      } else if (inForceAfterPublication(e.publicationDate, e.calendarDays) !== r.effectiveFrom) {
        issue('effectiveFrom does not follow from the publication date', ['effectiveFrom']);
      }
    }
    if (e.publicationDateAssumed && e.assumption === null)
      issue('an assumed date needs its assumption', ['entryIntoForce']);
    if (r.legalStatus.appliedAsEndDate && r.effectiveTo === null)
      issue('a repeal applied as end date needs effectiveTo', ['effectiveTo']);
    if (r.legalStatus.status === 'repealed' && r.legalStatus.repealedBy === null)
      issue('say what repealed it', ['legalStatus']);
    const ids = new Set<string>();
    r.services.forEach((s, i) => {
      if (ids.has(s.id)) issue(`service ${s.id} twice in one rule-set`, ['services', i]);
      ids.add(s.id);
    });
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

/**
 * "Enters into force after ten calendar days have passed since the day of first official publication":
 * the ten days are the days after publication, so the act applies from publication + 11.
 */
export function inForceAfterPublication(publicationDate: string, calendarDays: number): string {
  return addDays(publicationDate, calendarDays + 1);
}
