// What the print views read. Plain reads through the DeskDatabase object (only renderer/src/db
// imports Dexie); the views run them inside useLive so a print refreshes when the case changes.
import { foldCase, type CaseEvent, type CaseState } from '../../../../shared/case';
import {
  resultNoticeCandidates,
  signedResultOffice,
  type RegisterContent,
  type ResultNoticeContent,
} from '../../../../shared/documents';
import type { OfficeProfile } from '../../../../shared/office';
import type { PublicJwk } from '../../../../shared/signing';
import {
  caseLogsOf,
  getRegister,
  loadCase,
  loadDirectoryUser,
  loadRegisterDocument,
  registeredKeyAt,
  type CaseRow,
  type DeskDatabase,
  type RegisterView,
  type TsaRecipientRow,
} from '../../db';

/** The event that carries the case's signature (certificate or signed result), if any. */
export function signedEventOf(
  state: CaseState,
): Extract<CaseEvent, { type: 'CertificateIssued' | 'ResultSigned' }> | null {
  for (let i = state.events.length - 1; i >= 0; i--) {
    const event = state.events[i];
    if (event?.type === 'CertificateIssued' || event?.type === 'ResultSigned') return event;
  }
  return null;
}

/**
 * The notice of the case's decision as it prints and as its signature is checked: a signed result's
 * with the office its event carries (the district department that signed it, on an akimat's desk),
 * any other (a paper result, a decision not signed yet) with this desk's office. Null when the case
 * gives no notice (no decision, applicant or service) or no office names its sender.
 */
export function noticeContentOf(
  state: CaseState,
  office: OfficeProfile | null,
): ResultNoticeContent | null {
  return noticeCandidatesOf(state, office)[0] ?? null;
}

/**
 * Every notice a signature over the case's result may be over (shared/documents
 * resultNoticeCandidates), with the office noticeContentOf names: the notice as built now first.
 * Empty when the case gives no notice or no office names its sender.
 */
export function noticeCandidatesOf(
  state: CaseState,
  office: OfficeProfile | null,
): ResultNoticeContent[] {
  if (state.decision === null || state.applicant === null || state.serviceId === null) return [];
  const signed = signedEventOf(state);
  const sender = signed?.type === 'ResultSigned' ? signedResultOffice(signed, office) : office;
  return sender === null ? [] : resultNoticeCandidates(state, sender);
}

export interface CasePrintData {
  readonly state: CaseState;
  /** Names of the people the case's events name (actors and the signer), by user id. */
  readonly names: ReadonlyMap<string, string>;
  /** The signer's public key when the case is signed and the signer's account is on this desk. */
  readonly signerKey: PublicJwk | null;
}

/** A case folded from its events, with the names its documents print; null for an unknown case. */
export async function loadCasePrint(
  db: DeskDatabase,
  caseId: string,
): Promise<CasePrintData | null> {
  const state = await loadCase(db, caseId);
  if (state.caseId === null) return null;
  const ids = new Set(state.events.map((e) => e.actor.userId));
  if (state.signature) ids.add(state.signature.byUserId);
  const users = await db.users.bulkGet([...ids]);
  const names = new Map<string, string>();
  for (const user of users) if (user) names.set(user.id, user.name);
  // A signer of another desk (the district head, on the akimat's desk) is known by the directory.
  const signerId = state.signature?.byUserId;
  if (signerId !== undefined && !names.has(signerId)) {
    const name = (await loadDirectoryUser(db, signerId)).user?.name;
    if (name) names.set(signerId, name);
  }
  const signer = state.signature
    ? users.find((u) => u?.id === state.signature?.byUserId)
    : undefined;
  const key = signer?.signingKey;
  return {
    state,
    names,
    signerKey: key && key.keyId === state.signature?.keyId ? key.publicKey : null,
  };
}

/** Every quarter's row of the TSA recipients register for one IIN. */
export function loadTsaRecipients(db: DeskDatabase, iin: string): Promise<TsaRecipientRow[]> {
  return db.tsaRecipients.where('iin').equals(iin).toArray();
}

/** Paper documents presented and files attached at intake: what the package forwarded holds. */
export interface PackageCounts {
  readonly documents: number;
  readonly files: number;
}

export interface RegisterPrintData {
  readonly register: RegisterView;
  /** The journal rows of the register's cases, in the register's order. */
  readonly rows: readonly CaseRow[];
  /** Cases of the register this desk does not hold: such a register cannot be printed. */
  readonly missing: readonly string[];
  /**
   * The register document: the one the akim signed (rebuilt from the events the signature names), or
   * the one to be signed; null when a case is missing or the office is not set up.
   */
  readonly content: RegisterContent | null;
  readonly counts: ReadonlyMap<string, PackageCounts>;
  readonly signerName: string | null;
  /** The key registered for the signer when they signed (key-registry), if this desk knows it. */
  readonly signerKey: PublicJwk | null;
  /** The active akim of this desk: whose signature line an unsigned register prints. */
  readonly akimName: string | null;
}

export async function loadRegisterPrint(
  db: DeskDatabase,
  registerId: string,
  office: OfficeProfile | null,
): Promise<RegisterPrintData | null> {
  const register = await getRegister(db, registerId);
  if (!register) return null;
  const found = await db.cases.bulkGet(register.caseIds);
  const rows = found.filter((row): row is CaseRow => row !== undefined);
  const missing = register.caseIds.filter((_, i) => found[i] === undefined);
  const counts = new Map<string, PackageCounts>();
  for (const [caseId, list] of await caseLogsOf(db, register.caseIds)) {
    // The package as it stands: a correction may have marked a paper brought after registration.
    const state = foldCase(list);
    if (state.intake === null || state.application === null) continue;
    counts.set(caseId, {
      documents: state.application.documents.filter((d) => d.state === 'presented').length,
      files: state.intake.attachments.length,
    });
  }
  const signature = register.signature;
  const signer = signature ? await db.users.get(signature.signerId) : undefined;
  const key = signature
    ? await registeredKeyAt(db, signature.signerId, signature.keyId, signature.signedAt)
    : null;
  const akims = await db.users.where('role').equals('akim').toArray();
  const akim = akims.filter((u) => u.active).sort((a, b) => a.name.localeCompare(b.name))[0];
  // Last: it hashes with WebCrypto, and a live query tracks only the reads made before such waits.
  const built =
    office !== null && missing.length === 0
      ? await loadRegisterDocument(db, registerId, office)
      : null;
  return {
    register,
    rows,
    missing,
    content: built?.ok ? built.document : null,
    counts,
    akimName: akim?.name ?? null,
    signerName: signer?.name ?? null,
    signerKey: key?.publicKey ?? null,
  };
}
