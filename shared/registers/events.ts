// The events of a covering register's log: the list of cases the akimat forwards to the district
// department, built by the specialist and signed by the akim. They share the envelope of every event
// of the desk (shared/events/envelope) and travel in the same outbox as case events. What must stay
// true:
// - Payloads are plain JSON; schemas only check, never transform (strict objects), so a parsed event
//   is the value that was stored, signed and sent.
// - An event type, once released, keeps its meaning; a change is a new optional field or a new type.
// - RegisterSigned carries the akim's signature in the envelope (the signature shape of case events)
//   over the canonical register document (shared/documents registerDocument); its payload names the
//   digest of that document and, per case, the ids of the case events the document covers, so anyone
//   holding the logs (the desk, the district, the hub) can rebuild exactly what was signed.
import { z } from 'zod';
import { localDateSchema, signatureSchema } from '../case/events';
import {
  classifyIncoming,
  envelopeFields,
  nfcString,
  type IncomingClass,
} from '../events/envelope';
import { readDeskNumber } from '../numbering/desk-number';
import { REGISTER_VALIDATION as V } from './messages';

const id = z.string().min(1).max(128);
const text = nfcString().refine((s) => s.trim().length > 0, { error: 'case:validation.required' });
const base64 = z.base64({ error: 'case:validation.base64' });

const distinct = (ids: readonly string[]) => new Set(ids).size === ids.length;

/** The cases of a register, in its order: at least one, each once. */
export const registerCaseIdsSchema = z
  .array(id)
  .min(1, { error: V.caseListEmpty })
  .refine(distinct, { error: V.caseListDuplicate });

/**
 * A register number of shared/numbering (kind 'R'). Release 1's unpadded spelling is accepted too, so
 * a register numbered then can still be written into a log.
 */
export const registerNumberSchema = z.string({ error: V.number }).refine(
  (n) => {
    const parsed = readDeskNumber(n);
    return parsed.ok && parsed.value.kind === 'R';
  },
  { error: V.number },
);

export const registerPayloadSchemas = {
  RegisterCreated: z
    .strictObject({
      number: registerNumberSchema,
      date: localDateSchema,
      caseIds: registerCaseIdsSchema,
      /** The office that builds, signs and forwards it; nobody else acts on it. */
      officeId: text,
    })
    .superRefine((p, ctx) => {
      const parsed = readDeskNumber(p.number);
      if (parsed.ok && String(parsed.value.year) !== p.date.slice(0, 4)) {
        ctx.addIssue({ code: 'custom', message: V.numberYear, path: ['number'] });
      }
    }),
  /** Only before signing: the signature covers the list. */
  RegisterCasesChanged: z.strictObject({ caseIds: registerCaseIdsSchema }),
  RegisterSigned: z.strictObject({
    /** base64 SHA-256 of the canonical register document; equals the signature's signedDigest. */
    documentDigest: base64,
    /** The cases the signed document lists, in its order, each with the case events it covers. */
    signedCases: z
      .array(
        z.strictObject({
          caseId: id,
          eventIds: z.array(id).min(1, { error: V.signedCases }).refine(distinct, {
            error: V.signedCases,
          }),
        }),
      )
      .min(1, { error: V.signedCases })
      .refine((cases) => distinct(cases.map((c) => c.caseId)), { error: V.signedCases }),
  }),
  /** The cases went to the district: their ForwardedToDistrict events are written with it. */
  RegisterForwarded: z.strictObject({}),
  /**
   * Cancelled before forwarding. A signed register stays in the log, shown as cancelled; the
   * transition check asks a reason for it (a draft may go without one).
   */
  RegisterCancelled: z.strictObject({ reason: nfcString().optional() }),
} as const;

const envelope = { ...envelopeFields, registerId: id };

function event<T extends keyof typeof registerPayloadSchemas>(type: T) {
  return z.strictObject({
    ...envelope,
    type: z.literal(type),
    payload: registerPayloadSchemas[type],
  });
}

export const registerEventSchema = z.discriminatedUnion('type', [
  event('RegisterCreated'),
  event('RegisterCasesChanged'),
  z.strictObject({
    ...envelope,
    type: z.literal('RegisterSigned'),
    payload: registerPayloadSchemas.RegisterSigned,
    signature: signatureSchema,
  }),
  event('RegisterForwarded'),
  event('RegisterCancelled'),
]);

export type RegisterEvent = z.infer<typeof registerEventSchema>;
export type RegisterEventType = RegisterEvent['type'];
export type RegisterEventOf<T extends RegisterEventType> = Extract<RegisterEvent, { type: T }>;
export type RegisterPayloadOf<T extends RegisterEventType> = RegisterEventOf<T>['payload'];
export type RegisterSignature = RegisterEventOf<'RegisterSigned'>['signature'];
export type SignedCase = RegisterPayloadOf<'RegisterSigned'>['signedCases'][number];

/** In the order of a register's life. */
export const REGISTER_EVENT_TYPES = Object.keys(registerPayloadSchemas) as RegisterEventType[];

/** What an act is before the store stamps its envelope: the type, the payload, the signature. */
export type RegisterEventDraft = {
  [T in RegisterEventType]: {
    readonly type: T;
    readonly payload: RegisterPayloadOf<T>;
  } & (T extends 'RegisterSigned' ? { readonly signature: RegisterSignature } : unknown);
}[RegisterEventType];

/** Validates an unknown value (from the database, the network, a file) as a register event. */
export function parseRegisterEvent(
  input: unknown,
):
  | { readonly ok: true; readonly event: RegisterEvent }
  | { readonly ok: false; readonly error: z.ZodError } {
  const result = registerEventSchema.safeParse(input);
  return result.success ? { ok: true, event: result.data } : { ok: false, error: result.error };
}

/** An event that arrived from elsewhere: understood, from a newer desk (kept, not folded), or invalid. */
export function classifyIncomingRegisterEvent(input: unknown): IncomingClass<RegisterEvent> {
  return classifyIncoming(input, registerEventSchema);
}
