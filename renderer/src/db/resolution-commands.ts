// The akim's resolution as one command: checked, confirmed with the akim's PIN, then appended. What
// must stay true:
// - The akim confirms with their own PIN, under the same wrong-PIN limit as a login (verifyUserPin):
//   a wrong PIN saves nothing. The PIN proves who acts; it is not a signature, and the event carries
//   none (ARCHITECTURE §5: a thing is called what it is).
// - The text is made NFC and checked with the shared schema before the PIN is asked for, so a form the
//   store would refuse does not cost a PIN attempt.
// - Refusals are values; a write the database refuses throws (see write-errors).
import { normalizeText, payloadSchemas, type PayloadOf } from '../../../shared/case';
import { appendEvent, type ActContext, type AppendResult } from './case-store';
import type { DeskDatabase } from './database';
import { verifyUserPin, type PinRefusal } from './users-queries';

export interface ResolutionDraft {
  readonly executorUserId: string;
  readonly text: string;
}

export type ResolutionCheck =
  | { readonly ok: true; readonly payload: PayloadOf<'ResolutionImposed'> }
  /** `field` is the draft's field the message (a message key) belongs to. */
  | { readonly ok: false; readonly reason: string; readonly field: keyof ResolutionDraft };

/** The payload a resolution draft gives, NFC and trimmed, or the first problem with its field. */
export function checkResolution(draft: ResolutionDraft): ResolutionCheck {
  const payload = normalizeText({ executorUserId: draft.executorUserId, text: draft.text.trim() });
  const parsed = payloadSchemas.ResolutionImposed.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === 'executorUserId' ? 'executorUserId' : 'text';
    return { ok: false, reason: issue?.message ?? 'case:validation.invalid', field };
  }
  // Sound: payloadSchemas.ResolutionImposed is the schema PayloadOf<'ResolutionImposed'> comes from.
  return { ok: true, payload: parsed.data as PayloadOf<'ResolutionImposed'> };
}

const PIN_REFUSALS: readonly string[] = [
  'identity:pin.wrong',
  'session:pin.wait',
  'users:errors.notFound',
  'users:errors.inactive',
] satisfies readonly PinRefusal['reason'][];

/** The PIN was not accepted (wrong, or wait after too many wrong ones): shown with the PIN box. */
export function isPinRefusal(result: { ok: boolean; reason?: string }): result is PinRefusal {
  return !result.ok && result.reason !== undefined && PIN_REFUSALS.includes(result.reason);
}

export type ImposeResolutionResult =
  | AppendResult
  | PinRefusal
  | { readonly ok: false; readonly reason: string; readonly field: keyof ResolutionDraft };

/**
 * Imposes the akim's resolution on a case: the draft is checked, the executor must be an active
 * specialist of this desk, the acting user's PIN must be right, and then the case store appends
 * ResolutionImposed (checking the actor and the transition table itself).
 */
export async function imposeResolution(
  db: DeskDatabase,
  caseId: string,
  draft: ResolutionDraft,
  pin: string,
  ctx: ActContext,
): Promise<ImposeResolutionResult> {
  const checked = checkResolution(draft);
  if (!checked.ok) return checked;
  const executor = await db.users.get(checked.payload.executorUserId);
  if (!executor?.active || executor.role !== 'specialist') {
    return { ok: false, reason: 'akim:resolution.executorRequired', field: 'executorUserId' };
  }
  const confirmed = await verifyUserPin(db, ctx.actor.userId, pin, ctx.nowMs);
  if (!confirmed.ok) return confirmed;
  return appendEvent(db, { caseId, type: 'ResolutionImposed', payload: checked.payload }, ctx);
}
