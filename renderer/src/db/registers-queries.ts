// Covering registers: the list of cases the akimat forwards to the district department, signed by the
// akim. What must stay true:
// - A register lists only cases the specialist may forward now (the transition table decides), and a
//   case sits in at most one register that has not been forwarded yet.
// - Its number comes from this desk's counter for the year, taken in the same transaction as the row:
//   `${officeCode}-${deviceNo}-R${seq}/${year}`, unique across the desks of an office like journal
//   numbers are; a cancelled draft leaves its number unused rather than giving it to another register.
// - Once signed, its cases never change: the signature covers them.
// - Forwarding moves every case to 'forwarded' and stamps the register in one transaction, or does
//   nothing at all.
import {
  canAppend,
  foldCase,
  type ActingAs,
  isValidDeviceNo,
  isValidOfficeCode,
  type CaseEvent,
  type CaseState,
  type DeskNumbering,
} from '../../../shared/case';
import type { CanonicalSignature, PublicJwk } from '../../../shared/signing';
import type { LocalDate, LocalDateTime } from '../../../shared/time';
import { appendEvents, type ActContext, type AppendResult, type EventDraft } from './case-store';
import type { AttachmentRow, CaseRow, DeskDatabase, RegisterRow } from './database';
import { loadOfficeProfile } from './office-repository';
import { signingPublicKeyFor } from './users-queries';

export type RegisterSignature = NonNullable<RegisterRow['signature']>;

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
  | { readonly ok: true; readonly register: RegisterRow }
  /** `reason` is a message key of the `registers` or `case` namespace. */
  | { readonly ok: false; readonly reason: string; readonly blocked?: readonly BlockedCase[] };

/** A case the specialist may put into a register now. */
export interface ForwardableCase {
  readonly row: CaseRow;
  /** The village commission's act, when the case went through the commission. */
  readonly commissionAct: CaseState['commissionAct'];
  /** The open (not forwarded) register the case already sits in, if any. */
  readonly inRegister: { readonly id: string; readonly number: string } | null;
}

const FORWARD_ROLE = 'specialist' as const;
const FORWARDABLE_STAGES = ['resolutionImposed', 'commissionDone'] as const;

export const REGISTER_ERRORS = {
  notFound: 'registers:errors.notFound',
  empty: 'registers:errors.empty',
  duplicate: 'registers:errors.duplicateCase',
  unknownCase: 'registers:errors.unknownCase',
  inOtherRegister: 'registers:errors.inOtherRegister',
  casesBlocked: 'registers:errors.casesBlocked',
  signed: 'registers:errors.signed',
  notSigned: 'registers:errors.notSigned',
  forwarded: 'registers:errors.forwarded',
  changedSinceSigning: 'registers:errors.changedSinceSigning',
  numbering: 'registers:errors.numbering',
} as const;

/** `KZL01-2-R7/2026`: the desk's register number for a year. */
export function formatRegisterNumber(numbering: DeskNumbering, seq: number, year: number): string {
  return `${numbering.officeCode}-${numbering.deviceNo}-R${seq}/${year}`;
}

export const registerCounterKey = (year: number): string => `register:${year}`;

const byDateDesc = (a: RegisterRow, b: RegisterRow): number =>
  a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.number.localeCompare(a.number, 'en');

/** Every register of the desk, the newest first. */
export async function listRegisters(db: DeskDatabase): Promise<RegisterRow[]> {
  return (await db.registers.toArray()).sort(byDateDesc);
}

export async function getRegister(db: DeskDatabase, id: string): Promise<RegisterRow | undefined> {
  return db.registers.get(id);
}

/** The journal rows of a register's cases, in the register's order (missing rows are skipped). */
export async function registerCaseRows(
  db: DeskDatabase,
  register: RegisterRow,
): Promise<CaseRow[]> {
  const rows = await db.cases.bulkGet(register.caseIds);
  return rows.filter((r): r is CaseRow => r !== undefined);
}

async function foldedCases(db: DeskDatabase, caseIds: readonly string[]) {
  const events = caseIds.length ? await db.events.where('caseId').anyOf(caseIds).toArray() : [];
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  return new Map(caseIds.map((id) => [id, foldCase(byCase.get(id) ?? [])] as const));
}

/** Open registers (not forwarded yet) by the cases they hold, leaving out `exceptRegisterId`. */
async function openRegisterOfCase(
  db: DeskDatabase,
  exceptRegisterId?: string,
): Promise<Map<string, RegisterRow>> {
  const open = await db.registers
    .filter((r) => r.forwardedAt === null && r.id !== exceptRegisterId)
    .toArray();
  const map = new Map<string, RegisterRow>();
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

export interface NewRegister {
  readonly id: string;
  readonly caseIds: readonly string[];
  /** The register's date: today at the office. */
  readonly date: LocalDate;
  readonly createdBy: string;
  readonly numbering: DeskNumbering;
}

/** Builds a register of forwardable cases with the desk's next number for the year. */
export function createRegister(db: DeskDatabase, input: NewRegister): Promise<RegisterResult> {
  const listIssue = checkCaseList(input.caseIds);
  if (listIssue) return Promise.resolve(listIssue);
  if (
    !isValidOfficeCode(input.numbering.officeCode) ||
    !isValidDeviceNo(input.numbering.deviceNo)
  ) {
    return Promise.resolve({ ok: false, reason: REGISTER_ERRORS.numbering });
  }
  return db.transaction(
    'rw',
    [db.registers, db.counters, db.cases, db.events],
    async (): Promise<RegisterResult> => {
      const year = Number(input.date.slice(0, 4));
      const key = registerCounterKey(year);
      const seq = ((await db.counters.get(key))?.value ?? 0) + 1;
      const number = formatRegisterNumber(input.numbering, seq, year);
      const blocked = await blockedCases(db, input.caseIds, input.id, number);
      if (blocked.length > 0) return { ok: false, reason: REGISTER_ERRORS.casesBlocked, blocked };
      const register: RegisterRow = {
        id: input.id,
        number,
        date: input.date,
        caseIds: [...input.caseIds],
        createdBy: input.createdBy,
        signature: null,
        forwardedAt: null,
      };
      await db.registers.add(register);
      await db.counters.put({ key, value: seq });
      return { ok: true, register };
    },
  );
}

/** Replaces the cases of a register that is not signed yet. */
export function setRegisterCases(
  db: DeskDatabase,
  registerId: string,
  caseIds: readonly string[],
): Promise<RegisterResult> {
  const listIssue = checkCaseList(caseIds);
  if (listIssue) return Promise.resolve(listIssue);
  return db.transaction(
    'rw',
    [db.registers, db.cases, db.events],
    async (): Promise<RegisterResult> => {
      const register = await db.registers.get(registerId);
      if (!register) return { ok: false, reason: REGISTER_ERRORS.notFound };
      if (register.signature !== null) return { ok: false, reason: REGISTER_ERRORS.signed };
      const blocked = await blockedCases(db, caseIds, register.id, register.number);
      if (blocked.length > 0) return { ok: false, reason: REGISTER_ERRORS.casesBlocked, blocked };
      const updated: RegisterRow = { ...register, caseIds: [...caseIds] };
      await db.registers.put(updated);
      return { ok: true, register: updated };
    },
  );
}

/**
 * Cancels a register that was never forwarded, freeing its cases for another one. A signed register
 * may be cancelled too (its cases could not be forwarded, e.g. one was withdrawn meanwhile): nothing
 * left the desk with it but a print or a file, which the new register supersedes.
 */
export function cancelRegister(db: DeskDatabase, registerId: string): Promise<RegisterResult> {
  return db.transaction('rw', db.registers, async (): Promise<RegisterResult> => {
    const register = await db.registers.get(registerId);
    if (!register) return { ok: false, reason: REGISTER_ERRORS.notFound };
    if (register.forwardedAt !== null) return { ok: false, reason: REGISTER_ERRORS.forwarded };
    await db.registers.delete(registerId);
    return { ok: true, register };
  });
}

/**
 * Stores the akim's signature on a register. `signedCaseIds` are the cases of the document that was
 * signed: if the register changed in between, the signature is refused rather than attached to a
 * list it does not cover.
 */
export function storeRegisterSignature(
  db: DeskDatabase,
  registerId: string,
  signedCaseIds: readonly string[],
  signature: CanonicalSignature,
  signer: { readonly signerId: string; readonly signedAt: LocalDateTime },
): Promise<RegisterResult> {
  return db.transaction('rw', db.registers, async (): Promise<RegisterResult> => {
    const register = await db.registers.get(registerId);
    if (!register) return { ok: false, reason: REGISTER_ERRORS.notFound };
    if (register.signature !== null) return { ok: false, reason: REGISTER_ERRORS.signed };
    if (register.caseIds.length === 0) return { ok: false, reason: REGISTER_ERRORS.empty };
    const same =
      register.caseIds.length === signedCaseIds.length &&
      register.caseIds.every((id, i) => id === signedCaseIds[i]);
    if (!same) return { ok: false, reason: REGISTER_ERRORS.changedSinceSigning };
    const updated: RegisterRow = {
      ...register,
      signature: {
        algorithm: signature.algorithm,
        value: signature.value,
        signedDigest: signature.signedDigest,
        keyId: signature.keyId,
        signerId: signer.signerId,
        signedAt: signer.signedAt,
      },
    };
    await db.registers.put(updated);
    return { ok: true, register: updated };
  });
}

/**
 * Forwards a signed register: a ForwardedToDistrict event on every case and the register's
 * forwardedAt, in one transaction. When any case may not be forwarded now, nothing is saved and every
 * such case is named with its reason.
 */
export async function forwardRegister(
  db: DeskDatabase,
  registerId: string,
  ctx: ActContext,
): Promise<RegisterResult> {
  const register = await db.registers.get(registerId);
  if (!register) return { ok: false, reason: REGISTER_ERRORS.notFound };
  if (register.forwardedAt !== null) return { ok: false, reason: REGISTER_ERRORS.forwarded };
  if (register.signature === null) return { ok: false, reason: REGISTER_ERRORS.notSigned };
  const payload = { registerId: register.id, registerNumber: register.number };
  const rows = await db.cases.bulkGet(register.caseIds);
  const states = await foldedCases(db, register.caseIds);
  const blocked: BlockedCase[] = [];
  register.caseIds.forEach((caseId, i) => {
    const state = states.get(caseId);
    const check =
      state && state.caseId !== null
        ? canAppend(state, 'ForwardedToDistrict', ctx.actor, { payload, context: null })
        : { ok: false as const, reason: REGISTER_ERRORS.unknownCase };
    if (!check.ok) blocked.push({ caseId, number: rows[i]?.number ?? '', reason: check.reason });
  });
  if (blocked.length > 0) return { ok: false, reason: REGISTER_ERRORS.casesBlocked, blocked };

  const forwarded: RegisterRow = { ...register, forwardedAt: ctx.legalTime };
  const drafts: EventDraft[] = register.caseIds.map((caseId) => ({
    caseId,
    type: 'ForwardedToDistrict',
    payload,
  }));
  let result: AppendResult;
  try {
    result = await appendEvents(db, drafts, ctx, async () => {
      const current = await db.registers.get(registerId);
      // Checked again inside the transaction: a second click must not forward twice.
      if (!current || current.forwardedAt !== null || current.signature === null) {
        throw new RegisterChangedError();
      }
      await db.registers.put(forwarded);
    });
  } catch (error) {
    if (isErrorOf(error, RegisterChangedError)) {
      return { ok: false, reason: REGISTER_ERRORS.forwarded };
    }
    throw error;
  }
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, register: forwarded };
}

class RegisterChangedError extends Error {
  constructor() {
    super('register changed during forwarding');
    this.name = 'RegisterChangedError';
  }
}

/** Dexie may wrap an error thrown inside a transaction; look through `inner`. */
function isErrorOf(error: unknown, type: typeof RegisterChangedError): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof type) return true;
    current = (current as { inner?: unknown }).inner;
  }
  return false;
}

/** Everything the register file carries, read in one transaction. */
export interface RegisterBundle {
  readonly register: RegisterRow;
  readonly rows: readonly CaseRow[];
  /** The events of each case, in the register's order of cases. */
  readonly events: readonly CaseEvent[];
  /** The attachments the cases name, with their content where this desk holds it. */
  readonly attachments: readonly AttachmentRow[];
  /** Attachments the events name that this desk does not hold (sha256). */
  readonly missingAttachments: readonly string[];
  /** Who signed, with the public key of the signature's keyId (current or retired after a PIN reset). */
  readonly signer: RegisterSigner | null;
}

export interface RegisterSigner {
  readonly userId: string;
  readonly name: string;
  readonly publicKey: PublicJwk;
}

async function signerOf(
  db: DeskDatabase,
  signature: RegisterSignature,
): Promise<RegisterSigner | null> {
  const key = await signingPublicKeyFor(db, signature.keyId);
  if (!key || key.userId !== signature.signerId) return null;
  const user = await db.users.get(key.userId);
  return user ? { userId: user.id, name: user.name, publicKey: key.publicKey } : null;
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
    [db.registers, db.cases, db.events, db.attachments, db.users, db.settings],
    async () => {
      const register = await db.registers.get(registerId);
      if (!register) return null;
      const rows = await registerCaseRows(db, register);
      const all = await db.events.where('caseId').anyOf(register.caseIds).toArray();
      const order = new Map(register.caseIds.map((id, i) => [id, i]));
      const events = all.sort(
        (a, b) =>
          (order.get(a.caseId) ?? 0) - (order.get(b.caseId) ?? 0) ||
          (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1),
      );
      const hashes = attachmentHashes(events);
      const found = await db.attachments.bulkGet(hashes);
      const attachments = found.filter((a): a is AttachmentRow => a !== undefined);
      const missingAttachments = hashes.filter((_, i) => found[i] === undefined);
      const signer = register.signature ? await signerOf(db, register.signature) : null;
      return { register, rows, events, attachments, missingAttachments, signer };
    },
  );
}
