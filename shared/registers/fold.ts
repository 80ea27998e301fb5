// A register's state is a pure fold of its events, the same on the desk and on the hub. What must
// stay true (as for cases, shared/case/fold.ts):
// - The result depends only on the SET of events: they are sorted by (hlc, id) with plain string
//   comparison, ties of one id and two contents broken by their canonical text, and a repeated
//   delivery of an event is ignored.
// - Every event is checked against the state the fold has reached (checkRegisterEvent). One that does
//   not fit is never dropped: it is listed in `conflicts` with its reason.
import { canonicalJson } from '../signing/canonical-json';
import type { RegisterEvent } from './events';
import { REGISTER_ID_REUSED, type RegisterConflictReason } from './messages';
import { EMPTY_REGISTER, type RegisterState } from './state';
import { checkRegisterEvent } from './transitions';

/** The fold order: hlc, then id, as plain strings. */
export function compareRegisterEvents(a: RegisterEvent, b: RegisterEvent): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

interface Delivered {
  readonly event: RegisterEvent;
  canonical?: string;
}

function canonicalOf(d: Delivered): string {
  d.canonical ??= canonicalJson(d.event);
  return d.canonical;
}

/** Throws when the events belong to different registers: the caller folds one register at a time. */
export function foldRegister(events: readonly RegisterEvent[]): RegisterState {
  const registerId = events[0]?.registerId ?? null;
  for (const e of events) {
    if (e.registerId !== registerId) {
      throw new RangeError(`foldRegister got events of ${registerId} and ${e.registerId}`);
    }
  }
  const sorted: Delivered[] = events.map((event) => ({ event }));
  sorted.sort(
    (x, y) =>
      compareRegisterEvents(x.event, y.event) ||
      (canonicalOf(x) < canonicalOf(y) ? -1 : canonicalOf(x) > canonicalOf(y) ? 1 : 0),
  );

  let state: RegisterState = { ...EMPTY_REGISTER, registerId };
  const kept = new Map<string, Delivered>();
  const reported = new Set<string>();
  for (const d of sorted) {
    const first = kept.get(d.event.id);
    if (first !== undefined) {
      const text = canonicalOf(d);
      if (text !== canonicalOf(first) && !reported.has(text)) {
        reported.add(text);
        state = withConflict(state, d.event, REGISTER_ID_REUSED);
      }
      continue;
    }
    kept.set(d.event.id, d);
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
