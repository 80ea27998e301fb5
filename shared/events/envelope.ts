// The envelope every event of the desk travels in: case events, register events and directory (user)
// events share it, so one outbox, one push and one pull carry them all. What must stay true:
// - `v` is the schema version of the desk that wrote the event. A desk folds only what it understands:
//   an event of an unknown type, or one whose payload has fields this version does not know, written
//   by a NEWER version, is kept as it came and never folded (classifyIncoming says `newer`); it is never
//   dropped and never rejected. The same from an equal or older version is simply invalid.
// - The HLC stamp has the format of shared/clock (parseStamp), so the string order of stamps is the
//   causal order everywhere.
// - Text is NFC. Forms and imports normalize what people type (normalizeText); schemas only check, so
//   the same name always gives the same canonical bytes and the same signature.
import { z } from 'zod';
import { isHlcStamp } from '../clock/hlc';
import { isLocalDateTime } from '../time';

/**
 * The version this desk writes and fully understands.
 * 1: the first release (events stored before versioning are version 1).
 * 2: register and directory events, RefusalNoticeReceived, TermReplanned, suspension grounds, the
 *    actor's district.
 * 3: ApplicantNotifiedResultReady (the applicant told the result is ready), ApplicationCorrected (a
 *    correction of the application after registration).
 */
export const EVENT_SCHEMA_VERSION = 3;

export const ENVELOPE_MESSAGES = {
  required: 'case:validation.required',
  choice: 'case:validation.choice',
  notNfc: 'case:validation.notNormalized',
  hlc: 'case:validation.hlc',
  version: 'case:validation.schemaVersion',
  localDateTime: 'case:validation.localDateTime',
} as const;

export const isNfc = (s: string): boolean => s === s.normalize('NFC');

/** A string that must already be NFC (schemas check, forms and imports normalize). */
export const nfcString = (missing: string = ENVELOPE_MESSAGES.required) =>
  z.string({ error: missing }).refine(isNfc, { error: ENVELOPE_MESSAGES.notNfc });

/**
 * Every string of a JSON value in NFC, the rest unchanged: what a form or an import applies to the
 * payload it builds, so a name typed with a decomposed letter (и + ̆) is stored as one letter (й).
 */
export function normalizeText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => normalizeText(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = normalizeText(item);
    return out as T;
  }
  return value;
}

const id = z.string().min(1).max(128);
const requiredText = nfcString().refine((s) => s.trim().length > 0, {
  error: ENVELOPE_MESSAGES.required,
});

export const ACTOR_ROLES = [
  'specialist',
  'akim',
  'districtSpecialist',
  'districtHead',
  'admin',
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * Who acted: the user, the role they acted in, their office and district, and the device. The desk
 * fills it from the session; the hub never trusts it and re-derives it from its own registry.
 * `districtId` is absent only on events written before version 2.
 */
export const actorSchema = z.strictObject({
  userId: requiredText,
  role: z.enum(ACTOR_ROLES, { error: ENVELOPE_MESSAGES.choice }),
  officeId: requiredText,
  districtId: requiredText.optional(),
  deviceId: requiredText,
});
export type Actor = z.infer<typeof actorSchema>;

export const hlcStampSchema = z
  .string({ error: ENVELOPE_MESSAGES.hlc })
  .refine(isHlcStamp, { error: ENVELOPE_MESSAGES.hlc });

export const schemaVersionSchema = z
  .int({ error: ENVELOPE_MESSAGES.version })
  .min(1, { error: ENVELOPE_MESSAGES.version });

/** The fields every event has besides its stream key, type, payload and signature. */
export const envelopeFields = {
  /** Made on the device; unique across all devices. */
  id,
  /** Schema version of the writer (EVENT_SCHEMA_VERSION when this desk wrote it). */
  v: schemaVersionSchema,
  actor: actorSchema,
  /** When it happened at the office (R-CAL-6); deadlines count from this, never from sync time. */
  legalTime: z
    .string({ error: ENVELOPE_MESSAGES.localDateTime })
    .refine(isLocalDateTime, { error: ENVELOPE_MESSAGES.localDateTime }),
  /** Hybrid logical clock stamp from shared/clock; plain string order is the causal/total order. */
  hlc: hlcStampSchema,
};

/** The envelope alone, for events this desk cannot read in full (a newer type or field). */
export const looseEnvelopeSchema = z.looseObject({
  id,
  v: schemaVersionSchema,
  type: z.string().min(1).max(64),
  hlc: hlcStampSchema,
});

export type IncomingClass<E> =
  | { readonly kind: 'known'; readonly event: E }
  /** From a newer desk: kept as it came, not folded, and the user is told to update. */
  | {
      readonly kind: 'newer';
      readonly raw: Readonly<Record<string, unknown>>;
      readonly id: string;
      readonly type: string;
      readonly v: number;
    }
  | { readonly kind: 'invalid'; readonly error: z.ZodError };

/**
 * Sorts an event that arrived from elsewhere (sync, a file): one this desk understands, one from a
 * newer desk that it must keep without folding, or an invalid one.
 */
export function classifyIncoming<E>(
  input: unknown,
  schema: z.ZodType<E>,
  supportedVersion: number = EVENT_SCHEMA_VERSION,
): IncomingClass<E> {
  const full = schema.safeParse(input);
  if (full.success) return { kind: 'known', event: full.data };
  const envelope = looseEnvelopeSchema.safeParse(input);
  if (envelope.success && envelope.data.v > supportedVersion) {
    return {
      kind: 'newer',
      raw: envelope.data,
      id: envelope.data.id,
      type: envelope.data.type,
      v: envelope.data.v,
    };
  }
  return { kind: 'invalid', error: full.error };
}
