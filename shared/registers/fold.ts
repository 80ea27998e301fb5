// A register's state is a pure fold of its events, the same on the desk and on the hub. What must
// stay true (as for cases, shared/case/fold.ts):
// - The result depends only on the SET of events: they are sorted by (hlc, id) with plain string
//   comparison, ties of one id and two contents broken by their canonical text, and a repeated
//   delivery of an event is ignored.
// - Every event is checked against the state the fold has reached (checkRegisterEvent). One that does
//   not fit is never dropped: it is listed in `conflicts` with its reason.
import { compareStamped, inFoldOrder } from '../events/fold-order';
import type { RegisterEvent } from './events';
import { REGISTER_ID_REUSED, type RegisterConflictReason } from './messages';
import { EMPTY_REGISTER, type RegisterState } from './state';
import { checkRegisterEvent } from './transitions';

/** The fold order: hlc, then id, as plain strings (shared/events/fold-order). */
export const compareRegisterEvents: (a: RegisterEvent, b: RegisterEvent) => number = compareStamped;

/** Throws when the events belong to different registers: the caller folds one register at a time. */
export function foldRegister(events: readonly RegisterEvent[]): RegisterState {
  const registerId = events[0]?.registerId ?? null;
  for (const e of events) {
    if (e.registerId !== registerId) {
      throw new RangeError(`foldRegister got events of ${registerId} and ${e.registerId}`);
    }
  }

  let state: RegisterState = { ...EMPTY_REGISTER, registerId };
  for (const d of inFoldOrder(events)) {
    if (d.kind === 'idReused') {
      state = withConflict(state, d.event, REGISTER_ID_REUSED);
      continue;
    }
    const check = checkRegisterEvent(state, d.event, d.event.actor);
    state = check.ok ? applyEvent(state, d.event) : withConflict(state, d.event, check.reason);
  }
  return state;
}

function withConflict(
  state: RegisterState,
  event: RegisterEvent,
  reason: RegisterConflictReason,
): RegisterState {
  return { ...state, conflicts: [...state.conflicts, { event, reason }] };
}

function applyEvent(state: RegisterState, e: RegisterEvent): RegisterState {
  const act = { at: e.legalTime, byUserId: e.actor.userId };
  const next = ((): RegisterState => {
    switch (e.type) {
      case 'RegisterCreated':
        return {
          ...state,
          status: 'draft',
          number: e.payload.number,
          date: e.payload.date,
          officeId: e.payload.officeId,
          caseIds: e.payload.caseIds,
          created: act,
        };
      case 'RegisterCasesChanged':
        return { ...state, caseIds: e.payload.caseIds };
      case 'RegisterSigned':
        return {
          ...state,
          status: 'signed',
          signature: {
            ...act,
            keyId: e.signature.keyId,
            algorithm: e.signature.algorithm,
            value: e.signature.value,
            signedDigest: e.signature.signedDigest,
            documentDigest: e.payload.documentDigest,
            signedCases: e.payload.signedCases,
          },
        };
      case 'RegisterForwarded':
        return { ...state, status: 'forwarded', forwarded: act };
      case 'RegisterCancelled': {
        const reason = e.payload.reason?.trim() ? e.payload.reason : null;
        return {
          ...state,
          status: 'cancelled',
          cancelled: { ...act, reason, wasSigned: state.status === 'signed' },
        };
      }
    }
  })();
  return { ...next, events: [...state.events, e] };
}
