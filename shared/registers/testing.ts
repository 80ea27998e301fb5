// Valid sample register events for tests (the register model's, the hub's, the desk's). Not part of the
// barrel: import from 'shared/registers/testing'. Fixed dates only.
import { SAMPLE_DISTRICT_ID, SAMPLE_OFFICE_ID, sampleHlc } from '../case/testing';
import type { ActorRole } from '../events/envelope';
import { EVENT_SCHEMA_VERSION } from '../events/envelope';
import { addMinutes } from '../time';
import type {
  RegisterEvent,
  RegisterEventOf,
  RegisterEventType,
  RegisterPayloadOf,
  RegisterSignature,
} from './events';
import { foldRegister } from './fold';
import { EMPTY_REGISTER, type RegisterState } from './state';

export const SAMPLE_REGISTER_ID = 'register-0001';
export const SAMPLE_REGISTER_CASES = ['case-0001', 'case-0002', 'case-0003'] as const;
const BASE_TIME = '2026-11-23T09:00';
const DIGEST = 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';

export const SAMPLE_REGISTER_SIGNATURE: RegisterSignature = {
  keyId: 'key-akim',
  algorithm: 'ECDSA-P256-SHA256',
  value: 'MEUCIQDx',
  signedDigest: DIGEST,
};

type Samples = {
  [K in RegisterEventType]: (variant: number, state: RegisterState) => RegisterPayloadOf<K>;
};

/** One valid payload per type; `variant` picks among choices (which cases, a reason or none). */
const SAMPLES: Samples = {
  RegisterCreated: (variant) => ({
    number: `KZL01-1-R${String((variant % 9) + 1).padStart(4, '0')}/2026`,
    date: '2026-11-23',
    caseIds: SAMPLE_REGISTER_CASES.slice(0, (variant % 3) + 1),
    officeId: SAMPLE_OFFICE_ID,
  }),
  RegisterCasesChanged: (variant) => ({
    caseIds: variant % 2 === 0 ? ['case-0003', 'case-0001'] : ['case-0002'],
  }),
  RegisterSigned: (_variant, state) => ({
    documentDigest: DIGEST,
    // Outside a register (no cases yet), the first sample case, so the payload stays valid.
    signedCases: (state.caseIds.length > 0 ? state.caseIds : SAMPLE_REGISTER_CASES.slice(0, 1)).map(
      (caseId) => ({ caseId, eventIds: [`${caseId}-e1`] }),
    ),
  }),
  RegisterForwarded: () => ({}),
  RegisterCancelled: (variant) =>
    variant % 2 === 0 ? { reason: 'Іс қайтарып алынды' } : ({} as { reason?: string }),
};

export function sampleRegisterPayload<T extends RegisterEventType>(
  type: T,
  variant = 0,
  state: RegisterState = EMPTY_REGISTER,
): RegisterPayloadOf<T> {
  const make: Samples[T] = SAMPLES[type];
  return make(variant, state);
}

export interface SampleRegisterEventInit<T extends RegisterEventType> {
  readonly role: ActorRole;
  readonly counter: number;
  readonly deviceId?: string;
  readonly registerId?: string;
  readonly officeId?: string;
  readonly id?: string;
  readonly payload?: RegisterPayloadOf<T>;
  readonly variant?: number;
  readonly state?: RegisterState;
}

/** A full event. Ids and stamps come from `counter` and the device, legal time from `counter` minutes. */
export function sampleRegisterEvent<T extends RegisterEventType>(
  type: T,
  init: SampleRegisterEventInit<T>,
): RegisterEventOf<T> {
  const deviceId = init.deviceId ?? 'desk-1';
  const event = {
    id: init.id ?? `${deviceId}-r${init.counter}`,
    registerId: init.registerId ?? SAMPLE_REGISTER_ID,
    type,
    payload:
      init.payload ?? sampleRegisterPayload(type, init.variant ?? 0, init.state ?? EMPTY_REGISTER),
    v: EVENT_SCHEMA_VERSION,
    actor: {
      userId: `user-${init.role}`,
      role: init.role,
      officeId: init.officeId ?? SAMPLE_OFFICE_ID,
      districtId: SAMPLE_DISTRICT_ID,
      deviceId,
    },
    legalTime: addMinutes(BASE_TIME, init.counter),
    hlc: sampleHlc(init.counter, deviceId),
    ...(type === 'RegisterSigned' ? { signature: SAMPLE_REGISTER_SIGNATURE } : {}),
  };
  // Sound by construction: type, payload and signature above match T.
  return event as unknown as RegisterEventOf<T>;
}

export type SampleRegisterStep = readonly [RegisterEventType, ActorRole, number?];

/** Events of a path through a register, each built against the state the previous ones reached. */
export function sampleRegisterPath(
  steps: readonly SampleRegisterStep[],
  start: { readonly counter?: number; readonly deviceId?: string } = {},
): RegisterEvent[] {
  const events: RegisterEvent[] = [];
  let state = EMPTY_REGISTER;
  let counter = start.counter ?? 1;
  for (const [type, role, variant] of steps) {
    events.push(
      sampleRegisterEvent(type, {
        role,
        counter,
        variant: variant ?? 0,
        state,
        ...(start.deviceId !== undefined ? { deviceId: start.deviceId } : {}),
      }),
    );
    state = foldRegister(events);
    counter += 1;
  }
  return events;
}
