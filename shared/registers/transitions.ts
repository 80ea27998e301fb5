// Who may do what to a covering register, in which state. The desk asks before saving, the hub asks
// again before accepting, and the fold asks for every event it applies, so an event that was allowed
// on one desk but not in the merged log becomes a conflict instead of silently changing the register.
//
// Invariants (what must stay true):
// 1. A register exists from its RegisterCreated on; before it nothing else is accepted, and it is
//    created once.
// 2. Everyone who acts on a register works at the office that created it (RegisterCreated names the
//    creator's own office).
// 3. The specialist builds it, changes its cases, forwards it and cancels it; the akim signs it. No one
//    else acts on it (the district receives the cases through their own events).
// 4. Its cases change only while it is a draft: once signed the list is what the signature covers.
// 5. The akim signs exactly the list the register holds (signedCases in the register's order), and the
//    envelope signature's digest is the document digest the event states.
// 6. It is forwarded only once signed, and after forwarding nothing happens to it: the cases are at
//    the district.
// 7. A signed register can only be forwarded or cancelled; cancelling it needs a reason, and it stays
//    in the log, shown as cancelled. After cancelling nothing happens to it.
// The contents of the cases (which of them may be forwarded now) are the case model's question: the
// desk asks canAppend for each ForwardedToDistrict in the transaction that forwards the register.
import type { ActorRole } from '../events/envelope';
import type { RegisterEventDraft, RegisterEventType } from './events';
import { REGISTER_EVENT_TYPES } from './events';
import { registerRejection, type RegisterRejection } from './messages';
import type { RegisterState, RegisterStatus } from './state';

export interface RegisterTransition {
  readonly from: readonly RegisterStatus[];
  readonly roles: readonly ActorRole[];
}

export const REGISTER_TRANSITIONS: Readonly<Record<RegisterEventType, RegisterTransition>> = {
  RegisterCreated: { from: ['none'], roles: ['specialist'] },
  RegisterCasesChanged: { from: ['draft'], roles: ['specialist'] },
  RegisterSigned: { from: ['draft'], roles: ['akim'] },
  RegisterForwarded: { from: ['signed'], roles: ['specialist'] },
  RegisterCancelled: { from: ['draft', 'signed'], roles: ['specialist'] },
};

/** Who acts, as the check sees them (an Actor fits). */
export interface RegisterActor {
  readonly role: ActorRole;
  readonly officeId: string;
}

export type RegisterCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: RegisterRejection };

const OK: RegisterCheck = { ok: true };
const refuse = (reason: RegisterRejection): RegisterCheck => ({ ok: false, reason });

/** The most telling reason why `type` cannot happen in `status` (invariants 1, 4, 6, 7). */
function statusReason(type: RegisterEventType, status: RegisterStatus): RegisterRejection {
  switch (status) {
    case 'none':
      return registerRejection('notCreated');
    case 'forwarded':
      return registerRejection('forwarded');
    case 'cancelled':
      return registerRejection('cancelled');
    case 'draft':
      // Only forwarding is refused in a draft (and creating it again).
      return registerRejection(type === 'RegisterCreated' ? 'alreadyCreated' : 'notSigned');
    case 'signed':
      return registerRejection(type === 'RegisterCreated' ? 'alreadyCreated' : 'signed');
  }
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether `actor` may append `draft` to the register in `state`: the table (status, role), the place
 * (the register's office) and the rules the log alone decides (invariants 5 and 7).
 */
export function checkRegisterEvent(
  state: RegisterState,
  draft: RegisterEventDraft,
  actor: RegisterActor,
): RegisterCheck {
  const row = REGISTER_TRANSITIONS[draft.type];
  if (!row.from.includes(state.status)) return refuse(statusReason(draft.type, state.status));
  if (!row.roles.includes(actor.role)) return refuse(registerRejection('roleNotAllowed'));
  const office = draft.type === 'RegisterCreated' ? draft.payload.officeId : state.officeId;
  if (actor.officeId !== office) return refuse(registerRejection('otherOffice'));
  switch (draft.type) {
    case 'RegisterCreated':
    case 'RegisterCasesChanged':
    case 'RegisterForwarded':
      return OK;
    case 'RegisterSigned': {
      const signed = draft.payload.signedCases.map((c) => c.caseId);
      if (!sameList(signed, state.caseIds)) return refuse(registerRejection('changedSinceSigning'));
      if (draft.payload.documentDigest !== draft.signature.signedDigest) {
        return refuse(registerRejection('digestMismatch'));
      }
      return OK;
    }
    case 'RegisterCancelled': {
      const reason = draft.payload.reason?.trim() ?? '';
      if (state.status === 'signed' && reason === '') {
        return refuse(registerRejection('reasonRequired'));
      }
      return OK;
    }
  }
}

/** The types `actor` may append now by the table and the place (payload rules aside), in life order. */
export function allowedRegisterEvents(
  state: RegisterState,
  actor: RegisterActor,
): RegisterEventType[] {
  return REGISTER_EVENT_TYPES.filter((type) => {
    const row = REGISTER_TRANSITIONS[type];
    if (!row.from.includes(state.status) || !row.roles.includes(actor.role)) return false;
    // A register to be created belongs to the creator's office by construction.
    return type === 'RegisterCreated' || actor.officeId === state.officeId;
  });
}
