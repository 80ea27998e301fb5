// The district department's inbound queue and its receipt of forwarded cases. What must stay true:
// - The queue is read from the cases themselves: every case in stage 'forwarded' (the stage index),
//   grouped by the register its ForwardedToDistrict names. The register's own row (projected from the
//   register events a district desk pulls with its district's log) adds its date, office and signer
//   when the desk holds it; without it the case's forwarding alone still places the case.
// - Receiving a register appends ReceivedByDistrict to each of its cases still 'forwarded', in ONE
//   transaction, each through the store's append (appendInTransaction: the actor, the transition
//   table and every rule checked as for any act). One refusal and nothing of the register is kept.
//   A case already received is not 'forwarded' any more and is never received twice.
// - Time and ids come from the ActContext (the caller's clock), as for every act.
import { foldCase, type CaseState } from '../../../shared/case';
import type { LocalDate, LocalDateTime } from '../../../shared/time';
import { datePart } from '../../../shared/time';
import {
  appendInTransaction,
  CASE_WRITE_TABLES,
  type ActContext,
  type AppendResult,
} from './case-store';
import type { CaseRow, DeskDatabase } from './database';
import { caseLogsOf } from './event-rows';
import { loadDirectoryUser } from './key-registry';
import { viewOf } from './registers-queries';

/** The stage of a case the akimat forwarded and the district has not received yet. */
const FORWARDED = 'forwarded' as const;

/** The longest incoming number accepted (the district's registration stamp of a letter). */
export const INCOMING_NUMBER_MAX_LENGTH = 40;

export const INBOUND_ERRORS = {
  nothingToReceive: 'inbound:errors.nothingToReceive',
  incomingNumberTooLong: 'inbound:errors.incomingNumberTooLong',
} as const;

/** One forwarded register as it waits at the district, with its cases. */
export interface InboundRegister {
  readonly registerId: string;
  readonly registerNumber: string;
  /** The register's date; without its row, the day the akimat forwarded its first case. */
  readonly date: LocalDate | null;
  /** The akimat (okrug) that forwarded it: the register's office, else its cases'. */
  readonly officeId: string | null;
  /** When the akimat forwarded it (the forwarding's legal time). */
  readonly forwardedAt: LocalDateTime | null;
  /** Who signed it (the akim), when the desk holds the register's row and the signer is known. */
  readonly signer: { readonly name: string; readonly signedAt: LocalDateTime } | null;
  /** Its cases still to be received, in the register's order. */
  readonly waiting: readonly CaseRow[];
  /** Its cases already received (on this desk or another of the district's). */
  readonly received: readonly CaseRow[];
}

interface Forwarded {
  readonly row: CaseRow;
  readonly state: CaseState;
}

/** The forwarded cases, folded, read in the caller's transaction or on their own. */
async function forwardedCases(db: DeskDatabase): Promise<Forwarded[]> {
  const rows = await db.cases.where('stage').equals(FORWARDED).toArray();
  const logs = await caseLogsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ row, state: foldCase(logs.get(row.id) ?? []) }));
}

/** How many cases wait to be received: one count of the stage index (the navigation's badge). */
export function inboundCount(db: DeskDatabase): Promise<number> {
  return db.cases.where('stage').equals(FORWARDED).count();
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The registers waiting at the district, each with its waiting and already received cases: the okrug
 * first (office id), then the oldest register first.
 */
export async function inboundQueue(db: DeskDatabase): Promise<InboundRegister[]> {
  const forwarded = await forwardedCases(db);
  const groups = new Map<string, { number: string; cases: Forwarded[] }>();
  for (const item of forwarded) {
    const forwarding = item.state.forwarding;
    if (forwarding === null) continue;
    const group = groups.get(forwarding.registerId);
    if (group) group.cases.push(item);
    else groups.set(forwarding.registerId, { number: forwarding.registerNumber, cases: [item] });
  }
  const registerIds = [...groups.keys()];
  const registerRows = await db.registers.bulkGet(registerIds);
  const out: InboundRegister[] = [];
  for (const [i, registerId] of registerIds.entries()) {
    const group = groups.get(registerId);
    if (!group) continue;
    const stored = registerRows[i];
    const register = stored ? viewOf(stored) : null;
    const waitingIds = new Set(group.cases.map((c) => c.row.id));
    // The register's order when its row is here; else the book order of the cases.
    const order = register?.caseIds ?? [];
    const position = (id: string) => {
      const at = order.indexOf(id);
      return at < 0 ? order.length : at;
    };
    const waiting = group.cases
      .map((c) => c.row)
      .sort((a, b) => position(a.id) - position(b.id) || byString(a.number, b.number));
    const otherIds = order.filter((id) => !waitingIds.has(id));
    const received = (await db.cases.bulkGet(otherIds)).filter(
      (r): r is CaseRow => r !== undefined && r.stage !== FORWARDED,
    );
    const forwardedAt = group.cases
      .map((c) => c.state.stepTimes.ForwardedToDistrict ?? null)
      .filter((t): t is LocalDateTime => t !== null)
      .sort(byString)[0];
    const signature = register?.signature ?? null;
    const signer = signature
      ? {
          name: (await loadDirectoryUser(db, signature.signerId)).user?.name ?? signature.signerId,
          signedAt: signature.signedAt,
        }
      : null;
    out.push({
      registerId,
      registerNumber: register?.number ?? group.number,
      date: register?.date ?? (forwardedAt ? datePart(forwardedAt) : null),
      officeId: register?.officeId ?? waiting[0]?.officeId ?? null,
      forwardedAt: register?.forwardedAt ?? forwardedAt ?? null,
      signer,
      waiting,
      received,
    });
  }
  return out.sort(
    (a, b) =>
      byString(a.officeId ?? '', b.officeId ?? '') ||
      byString(a.date ?? '', b.date ?? '') ||
      byString(a.registerNumber, b.registerNumber),
  );
}

export interface ReceiptDraft {
  readonly registerId: string;
  /** The district's incoming number of the covering letter; blank for none. */
  readonly incomingNumber: string;
}

export type ReceiptResult =
  | { readonly ok: true; readonly caseIds: readonly string[] }
  /** `reason` is a message key (`inbound:errors.*`, `case:rejections.*`, `case:validation.*`). */
  | { readonly ok: false; readonly reason: string; readonly caseNumber?: string };

/**
 * Records the district's receipt of a forwarded register (R-ROUTE-2, 003:35): ReceivedByDistrict on
 * every case of the register still waiting, with the incoming number, in one transaction. The receipt
 * starts the district's per-capita income step. Nothing is written when any case is refused.
 */
export async function receiveRegister(
  db: DeskDatabase,
  draft: ReceiptDraft,
  ctx: ActContext,
): Promise<ReceiptResult> {
  const incomingNumber = draft.incomingNumber.normalize('NFC').trim();
  if (incomingNumber.length > INCOMING_NUMBER_MAX_LENGTH) {
    return { ok: false, reason: INBOUND_ERRORS.incomingNumberTooLong };
  }
  const payload = incomingNumber === '' ? {} : { incomingNumber };
  let failure: ReceiptResult | null = null;
  let received: string[] = [];
  try {
    // An async scope: Dexie keeps its transaction across native awaits only for async functions.
    await db.transaction('rw', CASE_WRITE_TABLES(db), async (tx) => {
      const cases = (await forwardedCases(db)).filter(
        (c) => c.state.forwarding?.registerId === draft.registerId,
      );
      if (cases.length === 0) {
        failure = { ok: false, reason: INBOUND_ERRORS.nothingToReceive };
        return;
      }
      for (const { row } of cases) {
        const result: AppendResult = await appendInTransaction(
          db,
          { caseId: row.id, type: 'ReceivedByDistrict', payload },
          ctx,
        );
        if (!result.ok) {
          failure = { ok: false, reason: result.reason, caseNumber: row.number };
          // Nothing of a partly received register is kept.
          tx.abort();
          return;
        }
      }
      received = cases.map((c) => c.row.id);
    });
  } catch (error) {
    if (failure === null) throw error;
  }
  return failure ?? { ok: true, caseIds: received };
}
