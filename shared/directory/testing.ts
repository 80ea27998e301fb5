// Valid sample directory events for tests (the directory's, the desk's, the hub's). Not part of the
// barrel: import from 'shared/directory/testing'. Fixed times only.
import { formatStamp } from '../clock/hlc';
import { EVENT_SCHEMA_VERSION, type ActorRole } from '../events/envelope';
import { isSignerRole } from '../office/roles';
import { encodeBase64Url } from '../signing/base64';
import type { PublicJwk } from '../signing/signature';
import { addMinutes, type LocalDateTime } from '../time';
import type { DirectoryEventOf, DirectoryEventType, DirectoryPayloadOf } from './events';

export const SAMPLE_DIRECTORY_TIME: LocalDateTime = '2026-01-05T09:00';

/** A well-formed P-256 JWK (not a point on the curve: the fold never needs one). */
export function sampleJwk(n: number): PublicJwk {
  const coordinate = encodeBase64Url(new Uint8Array(32).fill(n));
  return { kty: 'EC', crv: 'P-256', x: coordinate, y: coordinate };
}

/** A 64-hex key id for sample key `n`. */
export function sampleKeyId(n: number): string {
  return n.toString(16).padStart(2, '0').repeat(32);
}

export interface SampleDirectoryInit<T extends DirectoryEventType> {
  readonly userId?: string;
  /** The stamp's wall ms and the legal time's minutes after SAMPLE_DIRECTORY_TIME. */
  readonly counter: number;
  readonly deviceId?: string;
  readonly id?: string;
  readonly actorId?: string;
  readonly actorRole?: ActorRole;
  readonly legalTime?: LocalDateTime;
  readonly payload: DirectoryPayloadOf<T>;
}

export function sampleDirectoryEvent<T extends DirectoryEventType>(
  type: T,
  init: SampleDirectoryInit<T>,
): DirectoryEventOf<T> {
  const deviceId = init.deviceId ?? 'desk-1';
  const event = {
    id: init.id ?? `${deviceId}-u${init.counter}`,
    v: EVENT_SCHEMA_VERSION,
    actor: {
      userId: init.actorId ?? 'user-akim',
      role: init.actorRole ?? 'akim',
      officeId: 'office-1',
      districtId: 'district-1',
      deviceId,
    },
    legalTime: init.legalTime ?? addMinutes(SAMPLE_DIRECTORY_TIME, init.counter),
    hlc: formatStamp({ wallMs: init.counter, counter: 0, nodeId: deviceId }),
    userId: init.userId ?? 'user-akim',
    type,
    payload: init.payload,
  };
  // Sound by construction: type and payload above match T.
  return event as unknown as DirectoryEventOf<T>;
}

/** A registration payload for `role`; signers get sample key `key`. */
export function sampleRegistration(role: ActorRole, key = 1): DirectoryPayloadOf<'UserRegistered'> {
  const signer = isSignerRole(role);
  return {
    name: role === 'akim' ? 'Жұмабаев Серік' : 'Сейітова Әйгерім',
    role,
    officeId: 'office-1',
    districtId: 'district-1',
    ...(signer ? { publicKey: sampleJwk(key), keyId: sampleKeyId(key) } : {}),
  };
}
