// Covering registers: the list of cases the akimat forwards to the district department, signed by the
// akim. A register is a log of events (shared/registers); the `registers` table is its projection.
// What must stay true:
// - Every command appends register events to `registerEvents`, queues them for the hub and rewrites
//   the register's row from its folded log, in one transaction; registerRowOf is the only writer of
//   rows. Nothing is edited or deleted: a cancelled register stays, shown as cancelled.
// - The register's transition check (shared/registers) runs before every append, with the actor an
//   active user of this desk in the role the act claims.
// - A register lists only cases the specialist may forward now (the case's transition table decides),
//   and a case sits in at most one register that is neither forwarded nor cancelled.
// - Its number comes from this desk's counter for the year (shared/numbering, kind 'R'), taken in the
//   same transaction as RegisterCreated; a cancelled register keeps its number, never given again.
// - The akim's signature covers the register document built from the current logs of its cases
//   (shared/documents registerDocument); the store rebuilds it, refuses a signature over anything else
//   and checks the signature with the key registered for the akim (key-registry).
// - Forwarding writes RegisterForwarded and every case's ForwardedToDistrict in one transaction, or
//   nothing at all.
import {
  canAppend,
  foldCase,
  type ActingAs,
  type CaseEvent,
  type CaseState,
  type CompletionReturn,
} from '../../../shared/case';
import {
  contentDigest,
  registerDocument,
  type CaseLog,
  type RegisterContent,
} from '../../../shared/documents';
import {
  deskCounterKey,
  deskNumberSortKey,
  formatDeskNumber,
  isValidDeviceNo,
  isValidOfficeCode,
  nextDeskNumber,
  type DeskNumbering,
} from '../../../shared/numbering';
import type { OfficeProfile } from '../../../shared/office';
import {
  checkRegisterEvent,
  foldRegister,
  parseRegisterEvent,
  signedRegisterDocument,
  type RegisterCancellation,
  type RegisterEvent,
  type RegisterEventDraft,
  type RegisterState,
  type RegisterStatus,
  type SignerKeyResolver,
} from '../../../shared/registers';
import {
  canonicalJson,
  verifyCanonical,
  type CanonicalSignature,
  type PublicJwk,
  type SubtleCryptoLike,
} from '../../../shared/signing';
import { datePart } from '../../../shared/time';
import {
  appendEvents,
  CASE_WRITE_TABLES,
  type ActContext,
  type AppendResult,
  type EventDraft,
} from './case-store';
import { NUMBERING_HELD, numberingHold } from './backup';
import type { AttachmentRow, CaseRow, DeskDatabase, RegisterRow } from './database';
import { caseLogsOf } from './event-rows';
import { queueForHub, stampEnvelope } from './event-log';
import { registeredKeyAt } from './key-registry';
import { loadOfficeProfile } from './office-repository';

export type RegisterSignature = NonNullable<RegisterRow['signature']>;

/**
 * A register's row as the list and the screens read it: the projection of its log. Rows written
 * before registers were logs lack the fields added here; viewOf fills them in from the old ones.
 */
export interface RegisterView extends RegisterRow {
  readonly status: RegisterStatus;
  readonly officeId: string | null;
  readonly cancelled: RegisterCancellation | null;
  /** Events of its log that did not fit when folded (another desk's concurrent act). */
  readonly conflicts: number;
}

/** Why a case cannot go into a register (or be forwarded with it). */
export interface BlockedCase {
  readonly caseId: string;
  /** The journal number, or '' for an unknown case. */
  readonly number: string;
  /** A message key: 'case:rejections.*' or 'registers:errors.*'. */
  readonly reason: string;
  /** The other open register the case already sits in. */
  readonly registerNumber?: string;
}

export type RegisterResult =
  | { readonly ok: true; readonly register: RegisterView }
  /** `reason` is a message key of the `registers` or `case` namespace. */
  | { readonly ok: false; readonly reason: string; readonly blocked?: readonly BlockedCase[] };

/** A case the specialist may put into a register now. */
export interface ForwardableCase {
  readonly row: CaseRow;
  /** The village commission's act, when the case went through the commission. */
  readonly commissionAct: CaseState['commissionAct'];
  /** The district's latest return for a missing document, when the case goes again (R-ROUTE-7 [I]). */
  readonly completionReturn: CompletionReturn | null;
  /** The open (neither forwarded nor cancelled) register the case already sits in, if any. */
  readonly inRegister: { readonly id: string; readonly number: string } | null;
}

const FORWARD_ROLE = 'specialist' as const;
/**
 * The stages a case is forwarded from (the transition table's ForwardedToDistrict rows): after the
 * resolution, after the village commission, and once completed after the district returned it for a
 * missing document (R-ROUTE-7 [I]: in a new register; the one it first went in stays forwarded).
 */
const FORWARDABLE_STAGES = [
  'resolutionImposed',
  'commissionDone',
  'returnedForCompletion',
] as const;
/** Registers that hold their cases: no other register may take them. */
const OPEN_STATUSES: readonly RegisterStatus[] = ['draft', 'signed'];

export const REGISTER_ERRORS = {
  notFound: 'registers:errors.notFound',
  empty: 'registers:errors.empty',
  duplicate: 'registers:errors.duplicateCase',
  unknownCase: 'registers:errors.unknownCase',
  inOtherRegister: 'registers:errors.inOtherRegister',
  casesBlocked: 'registers:errors.casesBlocked',
  notSigned: 'registers:errors.notSigned',
  numbering: 'registers:errors.numbering',
  unknownActor: 'case:rejections.unknownActor',
  /** The cases' logs or the register changed between building the document and storing the signature. */
  changedSinceSigning: 'registers:rejections.changedSinceSigning',
  signatureInvalid: 'registers:errors.signatureInvalid',
  signerKeyUnknown: 'registers:errors.signerKeyUnknown',
  invalid: 'registers:errors.invalid',
} as const;

/** `KZL01-2-R0007/2026`: the desk's register number for a year (shared/numbering, kind 'R'). */
export function formatRegisterNumber(numbering: DeskNumbering, seq: number, year: number): string {
  return formatDeskNumber({ ...numbering, kind: 'R', seq, year });
}

export const registerCounterKey = (year: number): string => deskCounterKey('R', year);

/** Every table a register command writes or reads, case appends included (forwarding makes both). */
const REGISTER_WRITE_TABLES = (db: DeskDatabase) => [
  ...CASE_WRITE_TABLES(db),
  db.registers,
  db.registerEvents,
];

const subtle = (): SubtleCryptoLike => crypto.subtle;

// ---- reading -------------------------------------------------------------------------------------

/** The register row as the screens read it, whatever version of the desk wrote it. */
export function viewOf(row: RegisterRow): RegisterView {
  const extra = row as Partial<RegisterView>;
  return {
    ...row,
    status:
      extra.status ??
      (row.forwardedAt !== null ? 'forwarded' : row.signature !== null ? 'signed' : 'draft'),
    officeId: extra.officeId ?? null,
    cancelled: extra.cancelled ?? null,
    conflicts: extra.conflicts ?? 0,
  };
}

/** The row of a folded register: the one place a register row is made. Null before it exists. */
export function registerRowOf(state: RegisterState): RegisterView | null {
  if (
    state.registerId === null ||
    state.number === null ||
    state.date === null ||
    state.created === null
  ) {
    return null;
  }
  const signature = state.signature;
  return {
    id: state.registerId,
    number: state.number,
    date: state.date,
    caseIds: [...state.caseIds],
    createdBy: state.created.byUserId,
    signature: signature
      ? {
          algorithm: signature.algorithm,
          value: signature.value,
          signedDigest: signature.signedDigest,
          keyId: signature.keyId,
          signerId: signature.byUserId,
          signedAt: signature.at,
        }
      : null,
    forwardedAt: state.forwarded?.at ?? null,
    status: state.status,
    officeId: state.officeId,
    cancelled: state.cancelled,
    conflicts: state.conflicts.length,
  };
}

/** The events of a register's log as stored (every one was checked by its schema when written). */
export async function registerEventsOf(
  db: DeskDatabase,
  registerId: string,
): Promise<RegisterEvent[]> {
  const rows = await db.registerEvents.where('registerId').equals(registerId).toArray();
  return rows.map((row) => {
    const parsed = parseRegisterEvent(row);
    // Only the store writes this table, through the schema: a row that fails it is a bug.
    if (!parsed.ok) throw new Error(`Stored register event ${row.id} does not parse`);
    return parsed.event;
  });
}

/** A register folded from its log; status 'none' for a register this desk has no events of. */
export async function loadRegister(db: DeskDatabase, registerId: string): Promise<RegisterState> {
  return foldRegister(await registerEventsOf(db, registerId));
}

const byDateDesc = (a: RegisterView, b: RegisterView): number =>
  a.date !== b.date
    ? a.date < b.date
      ? 1
      : -1
    : deskNumberSortKey(b.number) < deskNumberSortKey(a.number)
      ? -1
      : 1;

/** Every register of the desk, cancelled ones included, the newest first. */
export async function listRegisters(db: DeskDatabase): Promise<RegisterView[]> {
  return (await db.registers.toArray()).map(viewOf).sort(byDateDesc);
}

export async function getRegister(db: DeskDatabase, id: string): Promise<RegisterView | undefined> {
  const row = await db.registers.get(id);
  return row ? viewOf(row) : undefined;
}

/** Registers that wait for the akim's signature (drafts), the oldest first. */
export async function registersAwaitingSignature(db: DeskDatabase): Promise<RegisterView[]> {
  const rows = (await db.registers.toArray()).map(viewOf).filter((r) => r.status === 'draft');
  return rows.sort((a, b) => -byDateDesc(a, b));
}

/** The journal rows of a register's cases, in the register's order (missing rows are skipped). */
export async function registerCaseRows(
  db: DeskDatabase,
  register: { readonly caseIds: readonly string[] },
): Promise<CaseRow[]> {
  const rows = await db.cases.bulkGet([...register.caseIds]);
  return rows.filter((r): r is CaseRow => r !== undefined);
}

async function foldedCases(db: DeskDatabase, caseIds: readonly string[]) {
  const byCase = await caseLogsOf(db, caseIds);
  return new Map(caseIds.map((id) => [id, foldCase(byCase.get(id) ?? [])] as const));
}

/** Open registers (draft or signed) by the cases they hold, leaving out `exceptRegisterId`. */
async function openRegisterOfCase(
  db: DeskDatabase,
  exceptRegisterId?: string,
): Promise<Map<string, RegisterView>> {
  const open = (await db.registers.toArray())
    .map(viewOf)
    .filter((r) => OPEN_STATUSES.includes(r.status) && r.id !== exceptRegisterId);
  const map = new Map<string, RegisterView>();
  for (const r of open) for (const id of r.caseIds) map.set(id, r);
  return map;
}

/** The desk's specialist, who forwards registers, as the transition table sees them. */
async function forwarder(db: DeskDatabase): Promise<ActingAs | null> {
  const office = await loadOfficeProfile(db);
  return office
    ? { role: FORWARD_ROLE, officeId: office.officeId, districtId: office.districtId }
    : null;
}

function forwardCheck(
  state: CaseState,
  actor: ActingAs | null,
  registerId: string,
  registerNumber: string,
) {
  if (actor === null) return { ok: false as const, reason: REGISTER_ERRORS.unknownCase };
  return canAppend(state, 'ForwardedToDistrict', actor, {
    payload: { registerId, registerNumber },
    context: null,
  });
}

/**
 * Cases the specialist may forward to the district now (R-ROUTE-1: with or without the village
 * commission, as the case went), oldest registration first, each with the open register it already
 * sits in.
 */
export async function forwardableCases(db: DeskDatabase): Promise<ForwardableCase[]> {
  const rows = await db.cases
    .where('stage')
    .anyOf([...FORWARDABLE_STAGES])
    .toArray();
  const states = await foldedCases(
    db,
    rows.map((r) => r.id),
  );
  const inRegister = await openRegisterOfCase(db);
  const actor = await forwarder(db);
  const out: ForwardableCase[] = [];
  for (const row of rows) {
    const state = states.get(row.id);
    if (!state || !forwardCheck(state, actor, 'check', 'check').ok) continue;
    const register = inRegister.get(row.id);
    out.push({
      row,
      commissionAct: state.commissionAct,
      completionReturn:
        state.stage === 'returnedForCompletion' ? (state.completionReturns.at(-1) ?? null) : null,
      inRegister: register ? { id: register.id, number: register.number } : null,
    });
  }
  return out.sort((a, b) =>
    a.row.date !== b.row.date
      ? a.row.date < b.row.date
        ? -1
        : 1
      : a.row.number.localeCompare(b.row.number, 'en'),
  );
}

/** Why each of `caseIds` may not go into register `registerId` now; empty when all may. */
async function blockedCases(
  db: DeskDatabase,
  caseIds: readonly string[],
  registerId: string,
  registerNumber: string,
): Promise<BlockedCase[]> {
  const rows = await db.cases.bulkGet([...caseIds]);
  const states = await foldedCases(db, caseIds);
  const inRegister = await openRegisterOfCase(db, registerId);
  const actor = await forwarder(db);
  const blocked: BlockedCase[] = [];
  caseIds.forEach((caseId, i) => {
    const row = rows[i];
    const state = states.get(caseId);
    if (!row || !state || state.caseId === null) {
      blocked.push({ caseId, number: '', reason: REGISTER_ERRORS.unknownCase });
      return;
    }
    const other = inRegister.get(caseId);
    if (other) {
      blocked.push({
        caseId,
        number: row.number,
        reason: REGISTER_ERRORS.inOtherRegister,
        registerNumber: other.number,
      });
      return;
    }
    const check = forwardCheck(state, actor, registerId, registerNumber);
    if (!check.ok) blocked.push({ caseId, number: row.number, reason: check.reason });
  });
  return blocked;
}

function checkCaseList(caseIds: readonly string[]): RegisterResult | null {
  if (caseIds.length === 0) return { ok: false, reason: REGISTER_ERRORS.empty };
  if (new Set(caseIds).size !== caseIds.length) {
    return { ok: false, reason: REGISTER_ERRORS.duplicate };
  }
  return null;
}

// ---- the one append path -------------------------------------------------------------------------

type Appended =
  | { readonly ok: true; readonly state: RegisterState; readonly register: RegisterView }
  | { readonly ok: false; readonly reason: string };

/** The actor is an active user of this desk with the role the act claims. */
async function actorIsUser(db: DeskDatabase, ctx: ActContext): Promise<boolean> {
  const user = await db.users.get(ctx.actor.userId);
  return user !== undefined && user.active && user.role === ctx.actor.role;
}

/**
 * Appends one register event inside the caller's transaction (REGISTER_WRITE_TABLES): checks the
 * actor and the register's transition table against the folded log, stamps the envelope, validates
 * the event with the shared schema, then writes the event, its outbox entry and the rebuilt row.
 * Nothing is written when any check fails.
 */
async function appendRegisterEvent(
  db: DeskDatabase,
  registerId: string,
  draft: RegisterEventDraft,
  ctx: ActContext,
): Promise<Appended> {
  if (!(await actorIsUser(db, ctx))) return { ok: false, reason: REGISTER_ERRORS.unknownActor };
  const existing = await registerEventsOf(db, registerId);
  const before = foldRegister(existing);
  if (before.status === 'none' && draft.type !== 'RegisterCreated') {
    return { ok: false, reason: REGISTER_ERRORS.notFound };
  }
  const check = checkRegisterEvent(before, draft, ctx.actor);
  if (!check.ok) return check;

  const envelope = await stampEnvelope(db, ctx);
  const parsed = parseRegisterEvent({ ...envelope, registerId, ...draft });
  if (!parsed.ok) {
    return { ok: false, reason: parsed.error.issues[0]?.message ?? REGISTER_ERRORS.invalid };
  }
  const event = parsed.event;
  await db.registerEvents.add(event);
  await queueForHub(db, 'register', registerId, event.id, ctx.nowMs);
  const state = foldRegister([...existing, event]);
  const register = registerRowOf(state);
  // The event was checked against the state it joins, so the register exists now.
  if (register === null) throw new Error(`Register ${registerId} has no row after ${event.type}`);
  await db.registers.put(register);
  return { ok: true, state, register };
}

const result = (appended: Appended): RegisterResult =>
  appended.ok ? { ok: true, register: appended.register } : appended;

// ---- commands ------------------------------------------------------------------------------------

export interface NewRegister {
  readonly id: string;
  readonly caseIds: readonly string[];
  readonly numbering: DeskNumbering;
}

/**
 * Builds a register of forwardable cases with the desk's next number for the year of the act (the
 * register's date is the act's date at the office).
 */
export function createRegister(
  db: DeskDatabase,
  input: NewRegister,
  ctx: ActContext,
): Promise<RegisterResult> {
  const listIssue = checkCaseList(input.caseIds);
  if (listIssue) return Promise.resolve(listIssue);
  if (
    !isValidOfficeCode(input.numbering.officeCode) ||
    !isValidDeviceNo(input.numbering.deviceNo)
  ) {
    return Promise.resolve({ ok: false, reason: REGISTER_ERRORS.numbering });
  }
  return db.transaction('rw', REGISTER_WRITE_TABLES(db), async (): Promise<RegisterResult> => {
    // A desk restored from a backup numbers nothing until it enrolled again (backup.ts).
    if ((await numberingHold(db)) !== null) return { ok: false, reason: NUMBERING_HELD };
    const date = datePart(ctx.legalTime);
    const year = Number(date.slice(0, 4));
    const last = (await db.counters.get(registerCounterKey(year)))?.value ?? 0;
    const next = nextDeskNumber(last, input.numbering, 'R', year);
    const blocked = await blockedCases(db, input.caseIds, input.id, next.number);
    if (blocked.length > 0) return { ok: false, reason: REGISTER_ERRORS.casesBlocked, blocked };
    const appended = await appendRegisterEvent(
      db,
      input.id,
      {
        type: 'RegisterCreated',
        payload: {
          number: next.number,
          date,
          caseIds: [...input.caseIds],
          officeId: ctx.actor.officeId,
        },
      },
      ctx,
    );
    if (appended.ok) await db.counters.put({ key: next.counterKey, value: next.seq });
    return result(appended);
  });
}

/** Replaces the cases of a register that is not signed yet. */
export function setRegisterCases(
  db: DeskDatabase,
  registerId: string,
  caseIds: readonly string[],
  ctx: ActContext,
): Promise<RegisterResult> {
  const listIssue = checkCaseList(caseIds);
  if (listIssue) return Promise.resolve(listIssue);
  return db.transaction('rw', REGISTER_WRITE_TABLES(db), async (): Promise<RegisterResult> => {
    const state = await loadRegister(db, registerId);
    if (state.status === 'none' || state.number === null) {
      return { ok: false, reason: REGISTER_ERRORS.notFound };
    }
    const draft: RegisterEventDraft = {
      type: 'RegisterCasesChanged',
      payload: { caseIds: [...caseIds] },
    };
    // The register's own rules first (a signed register's cases never change), then the cases'.
    const check = checkRegisterEvent(state, draft, ctx.actor);
    if (!check.ok) return check;
    const blocked = await blockedCases(db, caseIds, registerId, state.number);
    if (blocked.length > 0) return { ok: false, reason: REGISTER_ERRORS.casesBlocked, blocked };
    return result(await appendRegisterEvent(db, registerId, draft, ctx));
  });
}

/** What the akim signs: the register document built from the register and its cases' logs. */
export type RegisterDocumentResult =
  | {
      readonly ok: true;
      readonly document: RegisterContent;
      readonly state: RegisterState;
      /** The events of each case the document covers, by case. */
      readonly logs: readonly CaseLog[];
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The register document as it stands: for a signed (forwarded, or cancelled after signing) register
 * the one the akim signed, rebuilt from the events the signature names; otherwise the one the akim
 * would sign now, over every event this desk holds of each case. Fails when the office is not set up
 * or a case is missing here.
 */
export async function loadRegisterDocument(
  db: DeskDatabase,
  registerId: string,
  office?: OfficeProfile | null,
): Promise<RegisterDocumentResult> {
  const [state, profile] = await Promise.all([
    loadRegister(db, registerId),
    office === undefined ? loadOfficeProfile(db) : Promise.resolve(office),
  ]);
  if (state.registerId === null || state.number === null || state.date === null) {
    return { ok: false, reason: REGISTER_ERRORS.notFound };
  }
  if (profile === null) return { ok: false, reason: REGISTER_ERRORS.numbering };
  const byCase = await caseLogsOf(db, state.caseIds);
  const logs = state.caseIds.map((caseId) => ({ caseId, events: byCase.get(caseId) ?? [] }));
  if (logs.some((log) => log.events.length === 0)) {
    return { ok: false, reason: REGISTER_ERRORS.unknownCase };
  }
  // Every read is done: hashing with WebCrypto comes last, so a live query has seen all it depends on.
  if (state.signature !== null) {
    const signed = await signedRegisterDocument(subtle(), state, logs, profile);
    return signed.ok ? { ...signed, state, logs } : signed;
  }
  const head = {
    id: state.registerId,
    number: state.number,
    date: state.date,
    caseIds: state.caseIds,
  };
  try {
    return {
      ok: true,
      document: await registerDocument(subtle(), head, logs, profile),
      state,
      logs,
    };
  } catch {
    // A case of the register that was never registered here: it cannot be signed.
    return { ok: false, reason: REGISTER_ERRORS.unknownCase };
  }
}

/**
 * Stores the akim's signature on a register. `signature` must be over the document the register and
 * its cases give now (loadRegisterDocument) and verify with the key registered for the akim at the
 * time of the act; if the register or a case changed in between, the signature is refused rather
 * than attached to content it does not cover. The actor is the signer.
 */
export async function signRegister(
  db: DeskDatabase,
  registerId: string,
  signature: CanonicalSignature,
  ctx: ActContext,
): Promise<RegisterResult> {
  // Crypto runs outside the transaction (IndexedDB commits a transaction that waits on anything else);
  // the transaction then checks that nothing the document was built from has changed.
  const built = await loadRegisterDocument(db, registerId);
  if (!built.ok) return built;
  if ((await contentDigest(subtle(), built.document)) !== signature.signedDigest) {
    return { ok: false, reason: REGISTER_ERRORS.changedSinceSigning };
  }
  const key = await registeredKeyAt(db, ctx.actor.userId, signature.keyId, ctx.legalTime);
  if (key === null) return { ok: false, reason: REGISTER_ERRORS.signerKeyUnknown };
  if (!(await verifyCanonical(subtle(), key.publicKey, built.document, signature))) {
    return { ok: false, reason: REGISTER_ERRORS.signatureInvalid };
  }
  const covered = built.logs.map((log) => ({
    caseId: log.caseId,
    eventIds: log.events.map((e) => e.id),
  }));
  return db.transaction('rw', REGISTER_WRITE_TABLES(db), async (): Promise<RegisterResult> => {
    const now = await registerEventsOf(db, registerId);
    const cases = await caseLogsOf(db, built.state.caseIds);
    const unchanged =
      canonicalJson(foldRegister(now)) === canonicalJson(built.state) &&
      covered.every((c) => {
        const ids = (cases.get(c.caseId) ?? []).map((e) => e.id);
        return ids.length === c.eventIds.length && c.eventIds.every((id) => ids.includes(id));
      });
    if (!unchanged) return { ok: false, reason: REGISTER_ERRORS.changedSinceSigning };
    const document = built.document;
    return result(
      await appendRegisterEvent(
        db,
        registerId,
        {
          type: 'RegisterSigned',
          payload: {
            documentDigest: signature.signedDigest,
            signedCases: document.cases.map((c) => ({
              caseId: c.caseId,
              eventIds: [...c.eventIds],
            })),
          },
          signature: {
            keyId: signature.keyId,
            algorithm: signature.algorithm,
            value: signature.value,
            signedDigest: signature.signedDigest,
          },
        },
        ctx,
      ),
    );
  });
}

/**
 * Cancels a register that was not forwarded, freeing its cases for another one. A signed register is
 * cancelled only with a reason (its cases could not be forwarded, e.g. one was withdrawn meanwhile);
 * it stays in the list and in the log, shown as cancelled, its signature void.
 */
export function cancelRegister(
  db: DeskDatabase,
  registerId: string,
  reason: string,
  ctx: ActContext,
): Promise<RegisterResult> {
  const text = reason.normalize('NFC').trim();
  return db.transaction('rw', REGISTER_WRITE_TABLES(db), async () =>
    result(
      await appendRegisterEvent(
        db,
        registerId,
        { type: 'RegisterCancelled', payload: text === '' ? {} : { reason: text } },
        ctx,
      ),
    ),
  );
}

/** Thrown inside the forwarding transaction to undo the case events when the register refuses. */
class RegisterRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`register refused forwarding: ${reason}`);
    this.name = 'RegisterRefusedError';
  }
}

/** Dexie may wrap an error thrown inside a transaction; look through `inner`. */
function refusalOf(error: unknown): RegisterRefusedError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof RegisterRefusedError) return current;
    current = (current as { inner?: unknown }).inner;
  }
  return null;
}

/**
 * Forwards a signed register: a ForwardedToDistrict event on every case and RegisterForwarded on the
 * register, in one transaction. When the register or any case may not be forwarded now, nothing is
 * saved and every such case is named with its reason.
 */
export async function forwardRegister(
  db: DeskDatabase,
  registerId: string,
  ctx: ActContext,
): Promise<RegisterResult> {
  const state = await loadRegister(db, registerId);
  if (state.status === 'none' || state.number === null) {
    return { ok: false, reason: REGISTER_ERRORS.notFound };
  }
  const forwarded: RegisterEventDraft = { type: 'RegisterForwarded', payload: {} };
  const check = checkRegisterEvent(state, forwarded, ctx.actor);
  if (!check.ok) return check;
  const payload = { registerId, registerNumber: state.number };
  const rows = await db.cases.bulkGet([...state.caseIds]);
  const states = await foldedCases(db, state.caseIds);
  const blocked: BlockedCase[] = [];
  state.caseIds.forEach((caseId, i) => {
    const folded = states.get(caseId);
    const caseCheck =
      folded && folded.caseId !== null
        ? canAppend(folded, 'ForwardedToDistrict', ctx.actor, { payload, context: null })
        : { ok: false as const, reason: REGISTER_ERRORS.unknownCase };
    if (!caseCheck.ok) {
      blocked.push({ caseId, number: rows[i]?.number ?? '', reason: caseCheck.reason });
    }
  });
  if (blocked.length > 0) return { ok: false, reason: REGISTER_ERRORS.casesBlocked, blocked };

  const drafts: EventDraft[] = state.caseIds.map((caseId) => ({
    caseId,
    type: 'ForwardedToDistrict',
    payload,
  }));
  let register: RegisterView | null = null;
  let appended: AppendResult;
  try {
    appended = await appendEvents(
      db,
      drafts,
      ctx,
      async () => {
        // Checked again inside the transaction: a second click must not forward twice.
        const done = await appendRegisterEvent(db, registerId, forwarded, ctx);
        if (!done.ok) throw new RegisterRefusedError(done.reason);
        register = done.register;
      },
      [db.registers, db.registerEvents],
    );
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, reason: refusal.reason };
    throw error;
  }
  if (!appended.ok) return { ok: false, reason: appended.reason };
  if (register === null) throw new Error('forwarding saved without its register event');
  return { ok: true, register };
}

// ---- the file for the district -------------------------------------------------------------------

/** Everything the register file carries, read from this desk. */
export interface RegisterBundle {
  readonly register: RegisterView;
  readonly registerEvents: readonly RegisterEvent[];
  /** The full event log of each case, in the register's order of cases. */
  readonly cases: readonly CaseLog[];
  /** The scans the events name that this desk holds. */
  readonly attachments: readonly AttachmentRow[];
  /** Scans the events name that this desk does not hold (sha256). */
  readonly missingAttachments: readonly string[];
  /** Who signed, as this desk knows them; the key is only for the reader's information. */
  readonly signer: RegisterSigner | null;
}

export interface RegisterSigner {
  readonly userId: string;
  readonly name: string;
  /** The key registered for the signer when they signed (current or retired after a PIN reset). */
  readonly publicKey: PublicJwk | null;
}

function attachmentHashes(events: readonly CaseEvent[]): string[] {
  const hashes = new Set<string>();
  for (const e of events) {
    if (e.type === 'Registered') for (const a of e.payload.attachments) hashes.add(a.sha256);
    if (e.type === 'AcceptanceRefused') {
      for (const a of e.payload.attachments ?? []) hashes.add(a.sha256);
    }
  }
  return [...hashes];
}

export function loadRegisterBundle(
  db: DeskDatabase,
  registerId: string,
): Promise<RegisterBundle | null> {
  return db.transaction(
    'r',
    [
      db.registers,
      db.registerEvents,
      db.events,
      db.attachments,
      db.users,
      db.userEvents,
      db.settings,
    ],
    async (): Promise<RegisterBundle | null> => {
      const registerEvents = await registerEventsOf(db, registerId);
      const state = foldRegister(registerEvents);
      const register = registerRowOf(state);
      if (!register) return null;
      const byCase = await caseLogsOf(db, state.caseIds);
      const cases = state.caseIds.map((caseId) => ({
        caseId,
        events: [...(byCase.get(caseId) ?? [])].sort((a, b) =>
          a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
        ),
      }));
      const hashes = attachmentHashes(cases.flatMap((c) => c.events));
      const found = await db.attachments.bulkGet(hashes);
      const attachments = found.filter((a): a is AttachmentRow => a !== undefined);
      const missingAttachments = hashes.filter((_, i) => found[i] === undefined);
      const sig = state.signature;
      let signer: RegisterSigner | null = null;
      if (sig) {
        const user = await db.users.get(sig.byUserId);
        const key = await registeredKeyAt(db, sig.byUserId, sig.keyId, sig.at);
        signer = {
          userId: sig.byUserId,
          name: user?.name ?? sig.byUserId,
          publicKey: key?.publicKey ?? null,
        };
      }
      return { register, registerEvents, cases, attachments, missingAttachments, signer };
    },
  );
}

/**
 * This desk's answer to "which key had this signer registered then" (key-registry), in the form the
 * shared register file asks for.
 */
export function deskKeyResolver(db: DeskDatabase): SignerKeyResolver {
  return async (userId, keyId, at) =>
    (await registeredKeyAt(db, userId, keyId, at))?.publicKey ?? null;
}
