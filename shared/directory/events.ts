// The directory's events: who works at which office in which role, and which public key each signer
// had registered when. They travel like case events (one envelope, one outbox), so the district can
// check a signature made on any desk against the key registered for that person at that time
// (ARCHITECTURE §3, §5). What must stay true:
// - Only what the district needs travels: the name, role, office, district, the public key and its
//   fingerprint, and who did what when. A PIN, its hash, and the wrapped private key never appear in
//   an event: they stay in the desk's own `users` rows.
// - `userId` is the subject (whose entry changes); `actor` is who acted (a manager, or the person
//   themselves when the first head of an office registers at setup).
// - Schemas only check, never transform, and stay structural: the role policy (which roles sign) is
//   applied by the fold, so a later policy never turns a stored event invalid.
// - An event type, once released, keeps its meaning; a change is a new optional field or a new type.
import { z } from 'zod';
import {
  ACTOR_ROLES,
  ENVELOPE_MESSAGES,
  classifyIncoming,
  envelopeFields,
  nfcString,
  type IncomingClass,
} from '../events/envelope';
import { isPublicJwk, type PublicJwk } from '../signing/signature';

export const DIRECTORY_MESSAGES = {
  publicKey: 'users:directory.validation.publicKey',
  keyId: 'users:directory.validation.keyId',
  keyPair: 'users:directory.validation.keyPair',
} as const;

/** Why a signer's key was replaced. A PIN reset is the only one a desk makes today. */
export const KEY_REPLACEMENT_REASONS = ['pinReset'] as const;
export type KeyReplacementReason = (typeof KEY_REPLACEMENT_REASONS)[number];

const id = z.string().min(1).max(128);
const text = nfcString().refine((s) => s.trim().length > 0, {
  error: ENVELOPE_MESSAGES.required,
});

export const publicJwkSchema = z.custom<PublicJwk>(
  (value) =>
    isPublicJwk(value) &&
    Object.keys(value).length === 4 /* exactly kty, crv, x, y: nothing else travels */,
  { error: DIRECTORY_MESSAGES.publicKey },
);

/** The lowercase hex SHA-256 fingerprint of the public key (shared/signing publicKeyFingerprint). */
const keyIdSchema = z
  .string({ error: DIRECTORY_MESSAGES.keyId })
  .regex(/^[0-9a-f]{64}$/, { error: DIRECTORY_MESSAGES.keyId });

export const directoryPayloadSchemas = {
  /**
   * A person starts working at an office. A signer's public key comes with the registration; the
   * key is in force from the event's legal time. `legacy` marks a person registered on a desk before
   * users were events (a database of version 2), whose row was turned into this event as it was.
   */
  UserRegistered: z
    .strictObject({
      name: text,
      role: z.enum(ACTOR_ROLES, { error: ENVELOPE_MESSAGES.choice }),
      officeId: text,
      districtId: text,
      publicKey: publicJwkSchema.optional(),
      keyId: keyIdSchema.optional(),
      legacy: z.literal(true).optional(),
    })
    .refine((p) => (p.publicKey === undefined) === (p.keyId === undefined), {
      error: DIRECTORY_MESSAGES.keyPair,
      path: ['keyId'],
    }),
  /** A signer's new key pair, in force from the event's legal time; the old key stops then. */
  UserKeyReplaced: z.strictObject({
    publicKey: publicJwkSchema,
    keyId: keyIdSchema,
    reason: z.enum(KEY_REPLACEMENT_REASONS, { error: ENVELOPE_MESSAGES.choice }),
  }),
  /**
   * A manager set a new PIN for a person who forgot theirs (the actor is the manager). For a signer
   * the reset is UserKeyReplaced with reason 'pinReset' instead, since the forgotten PIN was the only
   * way to open the old key: one act, one event.
   */
  UserPinReset: z.strictObject({}),
  /** The person can no longer log in or sign; their signing key stops being in force. */
  UserDeactivated: z.strictObject({}),
  /** Undoes a deactivation: the same PIN and the same key, in force again from now. */
  UserReactivated: z.strictObject({}),
} as const;

export type DirectoryEventType = keyof typeof directoryPayloadSchemas;

const envelope = { ...envelopeFields, userId: id };

function event<T extends DirectoryEventType>(type: T) {
  return z.strictObject({
    ...envelope,
    type: z.literal(type),
    payload: directoryPayloadSchemas[type],
  });
}

export const directoryEventSchema = z.discriminatedUnion('type', [
  event('UserRegistered'),
  event('UserKeyReplaced'),
  event('UserPinReset'),
  event('UserDeactivated'),
  event('UserReactivated'),
]);

export type DirectoryEvent = z.infer<typeof directoryEventSchema>;
export type DirectoryEventOf<T extends DirectoryEventType> = Extract<DirectoryEvent, { type: T }>;
export type DirectoryPayloadOf<T extends DirectoryEventType> = DirectoryEventOf<T>['payload'];

export const DIRECTORY_EVENT_TYPES = Object.keys(directoryPayloadSchemas) as DirectoryEventType[];

export function parseDirectoryEvent(
  input: unknown,
):
  | { readonly ok: true; readonly event: DirectoryEvent }
  | { readonly ok: false; readonly error: z.ZodError } {
  const result = directoryEventSchema.safeParse(input);
  return result.success ? { ok: true, event: result.data } : { ok: false, error: result.error };
}

/** An event that arrived from elsewhere: understood, from a newer desk (kept, not folded), or invalid. */
export function classifyIncomingDirectoryEvent(input: unknown): IncomingClass<DirectoryEvent> {
  return classifyIncoming(input, directoryEventSchema);
}
