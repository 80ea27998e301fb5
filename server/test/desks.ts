// Desks as the hub's tests drive them: enrolled over HTTP with a one-time code, pushing and pulling
// gzip sync bodies with their bearer credential, their people registered by directory events, and
// signers holding real WebCrypto P-256 keys. What must stay true:
// - Everything goes through the running hub's HTTP routes, as a desk would; only what the district
//   admin does on the command line (districts, offices, enrollment codes, revocation) calls the
//   registry directly.
// - Signatures are made as the desk makes them: shared/signing signCanonical over the canonical bytes
//   with crypto.subtle, so a test proves the hub verifies what a desk really sends.
import { webcrypto } from 'node:crypto';
import type { CaseEvent } from '../../shared/case';
import { samplePath, sampleRegistrationNumber, type SampleStep } from '../../shared/case/testing';
import type { DirectoryEvent } from '../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../shared/directory/testing';
import type { ActorRole } from '../../shared/events/envelope';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  signCanonical,
  type CanonicalSignature,
  type JsonValue,
  type PublicJwk,
  type SubtleCryptoLike,
} from '../../shared/signing';
import {
  decodeBody,
  encodeBody,
  enrollReplySchema,
  pullReplySchema,
  pushReplySchema,
  SYNC_PROTOCOL_VERSION,
  type PulledEvent,
  type Receipt,
  type TravellingEvent,
} from '../../shared/sync';
import { addMinutes, type LocalDateTime } from '../../shared/time';
import { readHubConfig } from '../src/config';
import { startHub, type RunningHub } from '../src/hub';
import { SYNC_MEDIA_TYPE } from '../src/http/sync-routes';
import { addDistrict, addOffice, createEnrollmentCode } from '../src/registry/registry';
import { freshDatabase, type TestDatabase } from './databases';

export const subtle = webcrypto.subtle as unknown as SubtleCryptoLike;

/** The district every test hub serves, and its akimats: okrug A and okrug B. */
export const DISTRICT_CODE = 'AKK';
export const OKRUG_A = 'KZL01';
export const OKRUG_B = 'BTR02';

/** When the test offices' people were registered (the start of their keys' periods). */
export const STAFF_REGISTERED_AT: LocalDateTime = '2025-01-06T09:00';

// ---- signers -----------------------------------------------------------------------------------

/** A person's key pair as their desk holds it, and a way to sign with it as the desk signs. */
export interface Signer {
  readonly keyId: string;
  readonly publicKey: PublicJwk;
  sign(document: JsonValue): Promise<CanonicalSignature>;
}

export async function newSigner(): Promise<Signer> {
  const pair = await generateSigningKeyPair(subtle);
  const publicKey = await exportPublicKey(subtle, pair.publicKey);
  const keyId = await publicKeyFingerprint(subtle, publicKey);
  return {
    keyId,
    publicKey,
    sign: (document) => signCanonical(subtle, { privateKey: pair.privateKey, keyId }, document),
  };
}

// ---- the hub -----------------------------------------------------------------------------------

export interface TestHub {
  readonly hub: RunningHub;
  /** Its database, for a test that opens connections of its own (a second hub process's). */
  readonly database: TestDatabase['config'];
  stop(): Promise<void>;
}

/** A hub on a fresh database of `kind`, with district AKK and the akimats of okrugs A and B. */
export async function districtHub(kind: TestDatabase['config']['kind']): Promise<TestHub> {
  const testDb = await freshDatabase(kind);
  const hub = await startHub({
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
    database: testDb.config,
  });
  await addDistrict(hub.db, { code: DISTRICT_CODE, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  for (const code of [OKRUG_A, OKRUG_B]) {
    await addOffice(
      hub.db,
      { districtCode: DISTRICT_CODE, code, kind: 'akimat', nameKk: code, nameRu: code },
      'admin',
    );
  }
  return {
    hub,
    database: testDb.config,
    stop: async () => {
      await hub.stop();
      await testDb.dispose();
    },
  };
}

// ---- enrollment --------------------------------------------------------------------------------

/** A desk as the hub knows it after enrollment. */
export interface Desk {
  readonly credential: string;
  readonly deviceId: string;
  readonly deviceNo: number;
  readonly officeId: string;
  readonly districtId: string;
}

/** A one-time enrollment code for an office, as `npm run hub -- enroll --office <code>` makes it. */
export async function enrollmentCode(
  hub: RunningHub,
  officeCode: string,
  nowMs = Date.now(),
  ttlHours?: number,
): Promise<string> {
  const made = await createEnrollmentCode(hub.db, { officeCode }, 'admin', nowMs, ttlHours);
  if (!made.ok) throw new Error(made.reason);
  return made.value.code;
}

/** The public JWK of a fresh key: ECDSA for the device's signing key, ECDH for its agreement key. */
async function devicePublicJwk(usage: 'sign' | 'agree'): Promise<PublicJwk> {
  const pair =
    usage === 'sign'
      ? await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])
      : await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
          'deriveBits',
        ]);
  const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  return { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
}

/** POST /v1/enroll as a desk sends it: the status and the JSON answer. */
export async function enroll(
  hub: RunningHub,
  code: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${hub.url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      protocol: SYNC_PROTOCOL_VERSION,
      code,
      devicePublicKey: await devicePublicJwk('sign'),
      deviceAgreementKey: await devicePublicJwk('agree'),
    }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A desk of `officeCode` enrolled over HTTP with a fresh code. */
export async function enrolledDesk(hub: RunningHub, officeCode: string): Promise<Desk> {
  const answer = await enroll(hub, await enrollmentCode(hub, officeCode));
  if (answer.status !== 200) throw new Error(`enrollment refused: ${JSON.stringify(answer.body)}`);
  const reply = enrollReplySchema.parse(answer.body);
  return {
    credential: reply.credential,
    deviceId: reply.deviceId,
    deviceNo: reply.deviceNo,
    officeId: reply.officeId,
    districtId: reply.districtId,
  };
}

// ---- push and pull -----------------------------------------------------------------------------

/** A sync request as a desk sends it (gzip body, bearer credential): the status and the answer. */
export async function post(
  hub: RunningHub,
  path: string,
  credential: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': SYNC_MEDIA_TYPE, authorization: `Bearer ${credential}` },
    body: Buffer.from(encodeBody(body)),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.headers.get('content-type') === SYNC_MEDIA_TYPE) {
    const decoded = decodeBody(bytes);
    return { status: response.status, body: decoded.ok ? decoded.value : null };
  }
  return { status: response.status, body: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
}

export const pushRequest = (events: readonly TravellingEvent[]) => ({
  protocol: SYNC_PROTOCOL_VERSION,
  events,
});

export const pullRequest = (cursor: string, limit: number) => ({
  protocol: SYNC_PROTOCOL_VERSION,
  cursor,
  limit,
});

/** Pushes a batch that the hub must answer with receipts. */
export async function push(
  hub: RunningHub,
  desk: Desk,
  events: readonly TravellingEvent[],
): Promise<Receipt[]> {
  const answer = await post(hub, '/v1/push', desk.credential, pushRequest(events));
  if (answer.status !== 200) throw new Error(`push answered ${answer.status}`);
  return pushReplySchema.parse(answer.body).receipts;
}

/** Every event in the desk's scope, page by page from the start. */
export async function pullAll(hub: RunningHub, desk: Desk, limit = 50): Promise<PulledEvent[]> {
  const out: PulledEvent[] = [];
  let cursor = '';
  for (let page = 0; page < 1000; page++) {
    const answer = await post(hub, '/v1/pull', desk.credential, pullRequest(cursor, limit));
    if (answer.status !== 200) throw new Error(`pull answered ${answer.status}`);
    const reply = pullReplySchema.parse(answer.body);
    out.push(...reply.events);
    cursor = reply.cursor;
    if (!reply.more) return out;
  }
  throw new Error('pull did not end');
}

export const idOf = (event: unknown): string => (event as { id: string }).id;

export const travelling = (
  stream: TravellingEvent['stream'],
  events: readonly unknown[],
): TravellingEvent[] => events.map((event) => ({ stream, event }));

// ---- the people and cases of an office ---------------------------------------------------------

/** The user id of an office's person of `role`. */
export const userOf = (officeId: string, role: ActorRole): string => `${officeId}/user-${role}`;

/**
 * The people of an akimat as its desk registers them: the akim first, by themselves, with their key,
 * then a specialist. Registered at STAFF_REGISTERED_AT.
 */
export function staffOf(desk: Desk, akimKey: Signer): DirectoryEvent[] {
  const { officeId, districtId } = desk;
  const akim = userOf(officeId, 'akim');
  const at = (event: DirectoryEvent): DirectoryEvent => ({
    ...event,
    actor: { ...event.actor, officeId, districtId, deviceId: desk.deviceId },
  });
  return [
    at(
      sampleDirectoryEvent('UserRegistered', {
        id: `${officeId}-u1`,
        counter: 1,
        userId: akim,
        actorId: akim,
        legalTime: STAFF_REGISTERED_AT,
        payload: {
          ...sampleRegistration('akim'),
          officeId,
          districtId,
          publicKey: akimKey.publicKey,
          keyId: akimKey.keyId,
        },
      }),
    ),
    at(
      sampleDirectoryEvent('UserRegistered', {
        id: `${officeId}-u2`,
        counter: 2,
        userId: userOf(officeId, 'specialist'),
        actorId: akim,
        legalTime: addMinutes(STAFF_REGISTERED_AT, 1),
        payload: { ...sampleRegistration('specialist'), officeId, districtId },
      }),
    ),
  ];
}

/**
 * A case's events along `steps`, made at the desk's office by its people (staffOf), registered under
 * the case's own number (sampleRegistrationNumber).
 */
export function caseAt(
  desk: Desk,
  caseId: string,
  steps: readonly SampleStep[] = [
    ['Registered', 'specialist'],
    ['ResolutionImposed', 'akim'],
  ],
): CaseEvent[] {
  return samplePath(steps, { registrationNumber: sampleRegistrationNumber(caseId) }).map((e) => ({
    ...e,
    id: `${caseId}-${e.id}`,
    caseId,
    actor: {
      ...e.actor,
      userId: userOf(desk.officeId, e.actor.role),
      officeId: desk.officeId,
      districtId: desk.districtId,
      deviceId: desk.deviceId,
    },
  }));
}
