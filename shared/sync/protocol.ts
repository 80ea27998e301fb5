// The sync protocol between a desk and the district hub: one version, one set of zod schemas for every
// message, used by both ends (ARCHITECTURE §4). What must stay true:
// - Every body either end sends is built to, and every body it receives is checked against, a schema
//   here. Events inside a batch are left `unknown` at this level: each log checks its own events with
//   its own schema (shared/case, shared/registers, shared/directory classifyIncoming), so an event from
//   a newer desk is carried and held, never refused by the transport.
// - A desk and a hub of different protocol versions learn it from the handshake and say so with a
//   named reason (`sync:protocol.*`, words in kk and ru), never by failing to parse.
// - A cursor is opaque to the desk: it stores what the hub gave and sends it back.
import { z } from 'zod';

/**
 * The protocol version both ends speak.
 * 1: handshake, enrollment, push with a receipt per event, pull by cursor, sync files.
 */
export const SYNC_PROTOCOL_VERSION = 1;

/** The oldest desk protocol this code (as a hub) still serves. */
export const OLDEST_DESK_PROTOCOL = 1;

/** What a hub says of itself before anything else. */
export const hubHelloSchema = z.object({
  /** The protocol this hub speaks. */
  protocol: z.number().int().min(1),
  /** The oldest desk protocol it still serves. */
  oldestDeskProtocol: z.number().int().min(1),
  /** The hub's clock (ms since the epoch): a desk more than 5 minutes off warns and keeps syncing. */
  hubTimeMs: z.number().int().nonnegative(),
});
export type HubHello = z.infer<typeof hubHelloSchema>;

export type ProtocolMismatch =
  /** The desk is older than the hub serves: update the desk. */
  | 'sync:protocol.updateDesk'
  /** The hub is older than the desk: the district must update the hub; the desk keeps working. */
  | 'sync:protocol.hubOlder';

/** Whether a desk of protocol `desk` may sync with a hub that said `hello`. */
export function protocolMismatch(
  desk: number,
  hello: Pick<HubHello, 'protocol' | 'oldestDeskProtocol'>,
): ProtocolMismatch | null {
  if (desk < hello.oldestDeskProtocol) return 'sync:protocol.updateDesk';
  if (desk > hello.protocol) return 'sync:protocol.hubOlder';
  return null;
}

/** The greatest clock difference that goes without a warning. */
export const CLOCK_SKEW_WARNING_MS = 5 * 60 * 1000;

/** Whether a desk's clock is far enough from the hub's to warn (it keeps syncing either way). */
export function clockSkewed(deskTimeMs: number, hubTimeMs: number): boolean {
  return Math.abs(deskTimeMs - hubTimeMs) > CLOCK_SKEW_WARNING_MS;
}

// ---- shared pieces ---------------------------------------------------------------------------------

/** Why a desk may not enroll with a code (the hub's 403 codes). */
export const ENROLL_REFUSALS = [
  'sync:enroll.codeUnknown',
  'sync:enroll.codeUsed',
  'sync:enroll.codeExpired',
  /** The office has had 99 desks: no number is left. */
  'sync:enroll.officeFull',
] as const;
export type EnrollRefusal = (typeof ENROLL_REFUSALS)[number];

/** Why the hub does not know a credential (its 401 codes). */
export const DEVICE_REFUSALS = ['sync:errors.unknownDevice', 'sync:errors.deviceRevoked'] as const;
export type DeviceRefusal = (typeof DEVICE_REFUSALS)[number];

/** Why the hub refuses an event (a receipt's `reason`). */
export const PUSH_REJECTIONS = [
  /** Not an event of its log at any version. */
  'sync:reject.schema',
  /** Written by a desk newer than the hub: kept on the desk, pushed again after the hub updates. */
  'sync:reject.newerThanHub',
  /** Made at another office than the pushing desk's (or outside its district). */
  'sync:reject.otherOffice',
  /** About a case, register or user of another office. */
  'sync:reject.outOfScope',
  /** This id is already stored with other content. */
  'sync:reject.idReused',
  /** The case's registration number is held by another case of the district. */
  'sync:reject.numberTaken',
  /** The actor is not a registered, active user of the desk's office at the hub. */
  'sync:reject.actorUnknown',
  /** The actor's role is not theirs at the hub, not a role of this kind of office, or may not do it. */
  'sync:reject.actorRole',
  /** An event the law wants signed came without a signature. */
  'sync:reject.signatureMissing',
  /** The signing key was not the one registered at the hub for the actor at the event's legal time. */
  'sync:reject.signatureKey',
  /** The signature does not verify, or covers another document than the event names. */
  'sync:reject.signatureInvalid',
] as const;
export type PushRejection = (typeof PUSH_REJECTIONS)[number];

/** Every reason the protocol itself names; each has words in locales/{kk,ru}/sync.json. */
export const SYNC_REASONS = [
  'sync:protocol.updateDesk',
  'sync:protocol.hubOlder',
  'sync:errors.badBody',
  'sync:errors.tooLarge',
  'sync:errors.badCursor',
  ...ENROLL_REFUSALS,
  ...DEVICE_REFUSALS,
  ...PUSH_REJECTIONS,
] as const;

/** A message key (`namespace:path`) that the desk turns into kk or ru words. */
export const reasonSchema = z.string().regex(/^[a-zA-Z]+:[A-Za-z0-9_.-]+$/);

/** Which log an event belongs to (the desk's outbox streams). */
export const STREAMS = ['case', 'register', 'user'] as const;
export const streamSchema = z.enum(STREAMS);
export type Stream = z.infer<typeof streamSchema>;

/** The field by which an event of each stream names its log (a case, a register, a person). */
export const STREAM_FIELD = {
  case: 'caseId',
  register: 'registerId',
  user: 'userId',
} as const satisfies Record<Stream, string>;

/** The log an event of `stream` belongs to, by its STREAM_FIELD; '' when the event names none. */
export function streamIdOf(stream: Stream, event: unknown): string {
  const value = (event as Record<string, unknown> | null)?.[STREAM_FIELD[stream]];
  return typeof value === 'string' ? value : '';
}

const idSchema = z.string().min(1).max(100);

/** An event as it travels: its log and its body, checked by that log's own schema. */
export const travellingEventSchema = z.object({
  stream: streamSchema,
  event: z.unknown(),
});
export type TravellingEvent = z.infer<typeof travellingEventSchema>;

/** Pushes and pulls carry at most this many events; a desk sends more in several batches. */
export const MAX_BATCH_EVENTS = 500;

/** An error body: a code only, never a stack or a value that was sent. */
export const errorBodySchema = z.object({ code: reasonSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---- enrollment ------------------------------------------------------------------------------------

/** Enrollment codes as the district admin reads them out: 4 groups of 4 from an unambiguous alphabet. */
export const ENROLLMENT_CODE = /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/;

/**
 * An enrollment code as people type or paste it (any case, spaces, dashes or none) in the form the
 * hub gave it: upper case, in dashed groups of 4. Whether it is a code at all is ENROLLMENT_CODE's.
 */
export function normalizeEnrollmentCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

/** A P-256 public key as JWK, the members that define it (ECDSA and ECDH keys alike). */
export const p256PublicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1).max(100),
  y: z.string().min(1).max(100),
});

export const enrollRequestSchema = z.object({
  protocol: z.number().int().min(1),
  code: z.string().regex(ENROLLMENT_CODE),
  /** The desk's own device key (ECDSA P-256, public JWK members): sync files are signed with it. */
  devicePublicKey: p256PublicJwkSchema,
  /** The desk's key agreement key (ECDH P-256): the hub's reply files are encrypted to it. */
  deviceAgreementKey: p256PublicJwkSchema,
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollReplySchema = z.object({
  deviceId: idSchema,
  /** The desk's number in its office, assigned by the hub: registration numbers stay unique. */
  deviceNo: z.number().int().min(1).max(99),
  officeId: idSchema,
  officeCode: z.string().min(1).max(16),
  districtId: idSchema,
  /** The bearer credential of this device; revocable at the hub. */
  credential: z.string().min(32).max(200),
  /** Fingerprint of the hub's TLS key the desk pins (empty on loopback). */
  hubKeyPin: z.string().max(100),
  /**
   * The district hub's keys for sync files (shared/sync/sync-file): a desk's file is encrypted to
   * `agreement` (ECDH P-256); a reply file is signed with `signing` (ECDSA P-256).
   */
  hubFileKeys: z.object({ agreement: p256PublicJwkSchema, signing: p256PublicJwkSchema }),
});
export type EnrollReply = z.infer<typeof enrollReplySchema>;

// ---- push ------------------------------------------------------------------------------------------

export const pushRequestSchema = z.object({
  protocol: z.number().int().min(1),
  events: z.array(travellingEventSchema).max(MAX_BATCH_EVENTS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const receiptSchema = z.discriminatedUnion('status', [
  /** Stored now, under the hub's receipt time. */
  z.object({ id: idSchema, status: z.literal('accepted'), receivedAtMs: z.number().int() }),
  /** The hub already had this id with the same content: a retry changes nothing. */
  z.object({ id: idSchema, status: z.literal('duplicate') }),
  /** Refused, with the reason the desk shows on the case until a person acts. */
  z.object({ id: z.string().max(100), status: z.literal('rejected'), reason: reasonSchema }),
]);
export type Receipt = z.infer<typeof receiptSchema>;

export const pushReplySchema = z.object({
  receipts: z.array(receiptSchema).max(MAX_BATCH_EVENTS),
  hubTimeMs: z.number().int().nonnegative(),
});
export type PushReply = z.infer<typeof pushReplySchema>;

// ---- pull ------------------------------------------------------------------------------------------

/** A cursor: opaque to the desk; the empty string asks from the beginning. */
export const cursorSchema = z.string().max(200);

export const pullRequestSchema = z.object({
  protocol: z.number().int().min(1),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(MAX_BATCH_EVENTS),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pulledEventSchema = travellingEventSchema.extend({
  /** When the hub received the event (the third time every event keeps, beside legal time and HLC). */
  receivedAtMs: z.number().int().nonnegative(),
});
export type PulledEvent = z.infer<typeof pulledEventSchema>;

export const pullReplySchema = z.object({
  events: z.array(pulledEventSchema).max(MAX_BATCH_EVENTS),
  /** Where the next pull starts. */
  cursor: cursorSchema,
  /** More events wait beyond this page. */
  more: z.boolean(),
  hubTimeMs: z.number().int().nonnegative(),
});
export type PullReply = z.infer<typeof pullReplySchema>;

/** A body checked against a schema: the value, or the one reason both ends use for a bad body. */
export function parseMessage<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; reason: 'sync:errors.badBody' } {
  const parsed = schema.safeParse(body);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: 'sync:errors.badBody' };
}
