import type {
  CaseRole,
  CaseState,
  DeskNumbering,
  EventSignature,
  PayloadOf,
} from '../../../shared/case';
import { deskCounterKey, formatDeskNumber, nextDeskNumber } from '../../../shared/numbering';
import { OFFICE_ROLE_POLICY, type OfficeKind } from '../../../shared/office';
import {
  appendEvent,
  CASE_WRITE_TABLES,
  loadCase,
  type ActContext,
  type AppendResult,
} from './case-store';
import { NUMBERING_HELD, numberingHold } from './backup';
import type { DeskDatabase } from './database';
import { hubTimesOf } from './hub-times';
import { loadDirectoryUser } from './key-registry';

/** Who the users named in a case's events are; the case page shows names, not ids. */
export interface CaseActor {
  name: string;
  role: CaseRole;
}

export interface CasePageData {
  state: CaseState;
  actors: Record<string, CaseActor>;
  /**
   * Events of this case written by a newer desk, kept but not folded: the page tells the user to
   * update the desk, since what they see may be missing these acts.
   */
  heldEvents: number;
  /** When the district hub took in each event of the case it holds (its receipt, epoch ms), by id. */
  hubReceivedAtMs: Record<string, number>;
}

/** A case's folded state, the people who acted on it and when the hub took in its events. */
export async function loadCasePage(db: DeskDatabase, caseId: string): Promise<CasePageData> {
  const [state, users, heldEvents] = await Promise.all([
    loadCase(db, caseId),
    db.users.toArray(),
    db.heldEvents.where('caseId').equals(caseId).count(),
  ]);
  const actors: Record<string, CaseActor> = {};
  for (const u of users) actors[u.id] = { name: u.name, role: u.role };
  // People of other offices (an akimat's staff on the district's desk, the district's head on an
  // akimat's) are not this desk's users: their names come from the directory events sync brought.
  const named = new Set<string>();
  for (const e of state.events) {
    named.add(e.actor.userId);
    if (e.type === 'ResolutionImposed') named.add(e.payload.executorUserId);
  }
  for (const id of named) {
    if (actors[id] !== undefined) continue;
    const user = (await loadDirectoryUser(db, id)).user;
    if (user !== null && user.role !== 'admin') actors[id] = { name: user.name, role: user.role };
  }
  const ids = [...state.events, ...state.conflicts.map((c) => c.event)].map((e) => e.id);
  return { state, actors, heldEvents, hubReceivedAtMs: await hubTimesOf(db, caseId, ids) };
}

export interface SignerOption {
  id: string;
  name: string;
}

/**
 * The heads of a `kind` of office on this desk who can sign (active, with a key), by name: the
 * akimat's certificate and the district's result both ask one of them for the PIN. The role is the
 * kind's head in the one role policy (shared/office OFFICE_ROLE_POLICY), never spelled here.
 */
export async function signingHeads(db: DeskDatabase, kind: OfficeKind): Promise<SignerOption[]> {
  const heads = await db.users.where('role').equals(OFFICE_ROLE_POLICY[kind].head).toArray();
  return heads
    .filter((u) => u.active && u.signingKey !== null)
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// ---- certificate numbers -------------------------------------------------------------------------------

/**
 * Certificates of belonging get their own per-desk sequence per year, made unique across desks the
 * same way as registration numbers (shared/numbering, kind 'C'): `KZL01-2-C0007/2026`.
 */
export function formatCertificateNumber(desk: DeskNumbering, seq: number, year: number): string {
  return formatDeskNumber({ ...desk, kind: 'C', seq, year });
}

export const certificateCounterKey = (year: number): string => deskCounterKey('C', year);

/**
 * The number the next certificate of `year` will get on this desk. It is only a preview until
 * recordCertificate takes it: the signed document carries the number, so it is read before signing
 * and checked again in the transaction that stores the certificate.
 */
export async function nextCertificateNumber(
  db: DeskDatabase,
  desk: DeskNumbering,
  year: number,
): Promise<{ seq: number; number: string }> {
  const last = (await db.counters.get(certificateCounterKey(year)))?.value ?? 0;
  const { seq, number } = nextDeskNumber(last, desk, 'C', year);
  return { seq, number };
}

export interface CertificateDraft {
  caseId: string;
  payload: PayloadOf<'CertificateIssued'>;
  signature: EventSignature;
}

/** The number was taken by another certificate between the preview and the save: sign again. */
export const CERTIFICATE_NUMBER_TAKEN = 'casePage:certificate.numberTaken';

/**
 * Stores a signed certificate: checks that its number is still this desk's next one, appends the
 * CertificateIssued event (transition table and schema checked by appendEvent) and advances the
 * counter, all in one transaction. Nothing is written when anything fails.
 */
export function recordCertificate(
  db: DeskDatabase,
  draft: CertificateDraft,
  desk: DeskNumbering,
  ctx: ActContext,
): Promise<AppendResult> {
  const year = Number(draft.payload.date.slice(0, 4));
  return db.transaction('rw', CASE_WRITE_TABLES(db), async () => {
    // A desk restored from a backup numbers nothing until it enrolled again (backup.ts).
    if ((await numberingHold(db)) !== null) {
      return { ok: false, reason: NUMBERING_HELD } satisfies AppendResult;
    }
    const last = (await db.counters.get(certificateCounterKey(year)))?.value ?? 0;
    const { seq, number, counterKey: key } = nextDeskNumber(last, desk, 'C', year);
    if (draft.payload.number !== number) {
      return { ok: false, reason: CERTIFICATE_NUMBER_TAKEN } satisfies AppendResult;
    }
    const result = await appendEvent(
      db,
      {
        caseId: draft.caseId,
        type: 'CertificateIssued',
        payload: draft.payload,
        signature: draft.signature,
      },
      ctx,
    );
    if (result.ok) await db.counters.put({ key, value: seq });
    return result;
  });
}
