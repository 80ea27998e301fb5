// The register file (`register-<number>.akimat.json`): how a signed covering register reaches the
// district department while the desk cannot sync with the hub (a USB stick, e-mail). The district's
// import (a desk in district mode, later the hub) reads it with parseRegisterFile and checks it with
// verifyRegisterFile, the same code the sending desk runs before it writes the file.
//
// Format, version 2 (JSON, UTF-8):
//   format, version      'akimat-desk.register', 2
//   exportedAt           office wall-clock time of the export (LocalDateTime)
//   office               the sending office's profile (shared/office OfficeProfile)
//   registerEvents       the register's own log (shared/registers events), as stored
//   register             a summary of what that log folds to: id, number, date, caseIds, officeId,
//                        status, createdBy, forwardedAt and the akim's signature {algorithm, value,
//                        signedDigest, keyId, signerId, signedAt}; it must agree with the log
//   signer               userId and name of the akim, and their public key FOR INFORMATION ONLY
//   document             the canonical register document the akim signed (shared/documents, v2)
//   cases                per case of the register, in its order: the case's full event log, as stored
//   contentIncluded      whether scans' content is included
//   attachments          every scan the signed document names: sha256, name, mime, size, and
//                        `content` (base64) when the sender chose to include the scans
//
// What must stay true:
// - The signature verifies only against the key registered for the signer at the time of signing,
//   which the reader's own registry supplies (`resolveKey`); a key the file carries is never used, or
//   anyone could sign a forged file with a key of their own and put it next to the signature.
// - `document` is exactly what registerDocument rebuilds from the register's log (the signed cases and
//   the case events each covers, picked by id from `cases`) and `office`. Since the document holds
//   each case's event hash and scan hashes, a changed income, family member or resolution in `cases`
//   fails the signature.
// - Reading never throws on bad input: a file that is not one gives a reason (a message key).
// - Version 1 (release 1) carried the signer's key and summary rows only; it cannot be verified under
//   these rules and is refused with its own reason. A new field is a new version.
import { z } from 'zod';
import { caseEventSchema, localDateSchema, localDateTimeSchema } from '../case/events';
import type { CaseEvent } from '../case/events';
import {
  attachmentHashesOf,
  pickEvents,
  registerDocument,
  type CaseLog,
  type RegisterContent,
} from '../documents/document-content';
import { officeProfileSchema, type OfficeProfile } from '../office/office-profile';
import { decodeBase64, encodeBase64, toHex } from '../signing/base64';
import { canonicalJson } from '../signing/canonical-json';
import { isPublicJwk, verifyCanonical, type PublicJwk } from '../signing/signature';
import { sha256, type SubtleCryptoLike } from '../signing/subtle';
import type { LocalDateTime } from '../time';
import { registerEventSchema, type RegisterEvent } from './events';
import { foldRegister } from './fold';
import { REGISTER_STATUSES, type RegisterState } from './state';

export const REGISTER_FILE_FORMAT = 'akimat-desk.register';
export const REGISTER_FILE_VERSION = 2;
export const REGISTER_FILE_SUFFIX = '.akimat.json';

/**
 * The public key `keyId` that `userId` had registered at `at`, from the reader's own registry of
 * users and keys (the desk: key-registry's registeredKeyAt); null when there was none.
 */
export type SignerKeyResolver = (
  userId: string,
  keyId: string,
  at: LocalDateTime,
) => Promise<PublicJwk | null>;

export const REGISTER_FILE_REASONS = {
  unreadable: 'registers:file.unreadable',
  oldVersion: 'registers:file.oldVersion',
  tooNew: 'registers:file.tooNew',
  notSigned: 'registers:file.notSigned',
  cancelled: 'registers:file.cancelled',
  logConflict: 'registers:file.logConflict',
  signerUnknown: 'registers:file.signerUnknown',
  badSignature: 'registers:file.badSignature',
  contentMismatch: 'registers:file.contentMismatch',
  attachmentCorrupt: 'registers:file.attachmentCorrupt',
} as const;
const R = REGISTER_FILE_REASONS;

const id = z.string().min(1).max(128);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const publicJwkSchema = z
  .strictObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() })
  .refine(isPublicJwk, { error: 'not a P-256 public key' });

const summarySchema = z.strictObject({
  id,
  number: z.string().min(1),
  date: localDateSchema,
  caseIds: z.array(id).min(1),
  officeId: id,
  status: z.enum(REGISTER_STATUSES),
  createdBy: id,
  forwardedAt: localDateTimeSchema.nullable(),
  signature: z.strictObject({
    algorithm: z.literal('ECDSA-P256-SHA256'),
    value: z.base64(),
    signedDigest: z.base64(),
    keyId: z.string().min(1),
    signerId: id,
    signedAt: localDateTimeSchema,
  }),
});

export type RegisterFileSummary = z.infer<typeof summarySchema>;

export const registerFileSchema = z
  .strictObject({
    format: z.literal(REGISTER_FILE_FORMAT),
    version: z.literal(REGISTER_FILE_VERSION),
    exportedAt: localDateTimeSchema,
    office: officeProfileSchema,
    registerEvents: z.array(registerEventSchema).min(1),
    register: summarySchema,
    signer: z.strictObject({
      userId: id,
      name: z.string().min(1),
      publicKey: publicJwkSchema.optional(),
    }),
    document: z.json(),
    cases: z.array(z.strictObject({ caseId: id, events: z.array(caseEventSchema).min(1) })),
    contentIncluded: z.boolean(),
    attachments: z.array(
      z.strictObject({
        sha256: sha256Hex,
        name: z.string().min(1),
        mime: z.string().min(1),
        size: z.int().min(0),
        content: z.base64().optional(),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const listed = file.cases.map((c) => c.caseId);
    if (canonicalJson(listed) !== canonicalJson(file.register.caseIds)) {
      ctx.addIssue({ code: 'custom', message: 'cases differ from the register', path: ['cases'] });
    }
    file.cases.forEach((c, i) => {
      if (c.events.some((e) => e.caseId !== c.caseId)) {
        ctx.addIssue({ code: 'custom', message: 'event of another case', path: ['cases', i] });
      }
    });
    file.registerEvents.forEach((e, i) => {
      if (e.registerId !== file.register.id) {
        ctx.addIssue({ code: 'custom', message: 'another register', path: ['registerEvents', i] });
      }
    });
    if (file.signer.userId !== file.register.signature.signerId) {
      ctx.addIssue({ code: 'custom', message: 'signer differs', path: ['signer', 'userId'] });
    }
  });

export type RegisterFile = z.infer<typeof registerFileSchema>;

/** `register-KZL01-2-R0003-2026.akimat.json`: the number with '/' (and anything unsafe) as '-'. */
export function registerFileName(number: string): string {
  return `register-${number.replace(/[^\p{L}\p{N}_-]+/gu, '-')}${REGISTER_FILE_SUFFIX}`;
}

export type ParseRegisterFileResult =
  | { readonly ok: true; readonly file: RegisterFile }
  | {
      readonly ok: false;
      readonly reason: typeof R.unreadable | typeof R.oldVersion | typeof R.tooNew;
    };

/** Reads the text of a register file; anything that is not a version-2 register file is a reason. */
export function parseRegisterFile(text: string): ParseRegisterFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: R.unreadable };
  }
  const head = z
    .looseObject({ format: z.literal(REGISTER_FILE_FORMAT), version: z.int().min(1) })
    .safeParse(json);
  if (head.success && head.data.version < REGISTER_FILE_VERSION) {
    return { ok: false, reason: R.oldVersion };
  }
  if (head.success && head.data.version > REGISTER_FILE_VERSION) {
    return { ok: false, reason: R.tooNew };
  }
  const parsed = registerFileSchema.safeParse(json);
  return parsed.success ? { ok: true, file: parsed.data } : { ok: false, reason: R.unreadable };
}

/** The summary a register file states for a signed register's folded log; null before signing. */
export function registerFileSummary(state: RegisterState): RegisterFileSummary | null {
  const { signature, created } = state;
  if (
    state.registerId === null ||
    state.number === null ||
    state.date === null ||
    state.officeId === null ||
    created === null ||
    signature === null
  ) {
    return null;
  }
  return {
    id: state.registerId,
    number: state.number,
    date: state.date,
    caseIds: [...state.caseIds],
    officeId: state.officeId,
    status: state.status,
    createdBy: created.byUserId,
    forwardedAt: state.forwarded?.at ?? null,
    signature: {
      algorithm: signature.algorithm,
      value: signature.value,
      signedDigest: signature.signedDigest,
      keyId: signature.keyId,
      signerId: signature.byUserId,
      signedAt: signature.at,
    },
  };
}

export type SignedDocumentResult =
  | { readonly ok: true; readonly document: RegisterContent }
  | { readonly ok: false; readonly reason: typeof R.contentMismatch };

/**
 * The register document as the akim signed it, rebuilt from the register's folded log and the logs of
 * its cases: each case contributes exactly the events the signature names. A case without those
 * events (or with another event under one of their ids) cannot give it back.
 */
export async function signedRegisterDocument(
  subtle: SubtleCryptoLike,
  state: RegisterState,
  cases: readonly CaseLog[],
  office: OfficeProfile,
): Promise<SignedDocumentResult> {
  const signature = state.signature;
  if (state.registerId === null || state.number === null || state.date === null || !signature) {
    return { ok: false, reason: R.contentMismatch };
  }
  const byCase = new Map(cases.map((c) => [c.caseId, c.events]));
  const logs: CaseLog[] = [];
  for (const signed of signature.signedCases) {
    const events = pickEvents(byCase.get(signed.caseId) ?? [], signed.eventIds);
    if (events === null) return { ok: false, reason: R.contentMismatch };
    logs.push({ caseId: signed.caseId, events });
  }
  const head = {
    id: state.registerId,
    number: state.number,
    date: state.date,
    caseIds: signature.signedCases.map((c) => c.caseId),
  };
  try {
    return { ok: true, document: await registerDocument(subtle, head, logs, office) };
  } catch {
    // The covered events are not a registered case: not what a desk signs.
    return { ok: false, reason: R.contentMismatch };
  }
}

export type VerifyRegisterFileResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: Exclude<
        (typeof R)[keyof typeof R],
        typeof R.unreadable | typeof R.oldVersion | typeof R.tooNew
      >;
    };

/**
 * Checks a parsed register file: the register's log (signed, not cancelled, without conflicts, as the
 * summary states), the akim's signature over the document rebuilt from the logs, with the key the
 * reader's registry gives for the signer at the time of signing; the document the file carries
 * against the rebuilt one; and every included scan against its hash.
 */
export async function verifyRegisterFile(
  subtle: SubtleCryptoLike,
  file: RegisterFile,
  resolveKey: SignerKeyResolver,
): Promise<VerifyRegisterFileResult> {
  const state = foldRegister(file.registerEvents);
  if (state.conflicts.length > 0) return { ok: false, reason: R.logConflict };
  if (state.status === 'cancelled') return { ok: false, reason: R.cancelled };
  const signature = state.signature;
  if (signature === null) return { ok: false, reason: R.notSigned };
  if (canonicalJson(registerFileSummary(state)) !== canonicalJson(file.register)) {
    return { ok: false, reason: R.contentMismatch };
  }

  const publicKey = await resolveKey(signature.byUserId, signature.keyId, signature.at);
  if (publicKey === null) return { ok: false, reason: R.signerUnknown };
  const rebuilt = await signedRegisterDocument(subtle, state, file.cases, file.office);
  if (!rebuilt.ok) return rebuilt;
  const valid = await verifyCanonical(subtle, publicKey, rebuilt.document, {
    algorithm: signature.algorithm,
    value: signature.value,
    signedDigest: signature.signedDigest,
    keyId: signature.keyId,
  });
  if (!valid || signature.signedDigest !== signature.documentDigest) {
    return { ok: false, reason: R.badSignature };
  }
  if (canonicalJson(rebuilt.document) !== canonicalJson(file.document)) {
    return { ok: false, reason: R.contentMismatch };
  }

  const named = new Set(rebuilt.document.cases.flatMap((c) => c.attachments));
  for (const attachment of file.attachments) {
    if (!named.has(attachment.sha256)) return { ok: false, reason: R.contentMismatch };
    if (attachment.content === undefined) continue;
    const bytes = decodeBase64(attachment.content);
    if (bytes === null || toHex(await sha256(subtle, bytes)) !== attachment.sha256) {
      return { ok: false, reason: R.attachmentCorrupt };
    }
  }
  return { ok: true };
}

export interface RegisterFileInput {
  /** The register's log. */
  readonly registerEvents: readonly RegisterEvent[];
  /** The full logs of the register's cases, as the desk holds them. */
  readonly cases: readonly CaseLog[];
  /** The sending office's profile now; it must be the one the akim signed under. */
  readonly office: OfficeProfile;
  /** Who signed, for the reader's eyes (the key is not used to verify). */
  readonly signer: {
    readonly userId: string;
    readonly name: string;
    readonly publicKey?: PublicJwk;
  };
  /** The scans' bytes by sha256, for those the desk holds; used when `includeContent`. */
  readonly scans: ReadonlyMap<string, Uint8Array>;
  readonly exportedAt: LocalDateTime;
  /** Include the scans' content (base64): the file grows by 4/3 of the scans' size. */
  readonly includeContent: boolean;
}

export type BuildRegisterFileResult =
  | {
      readonly ok: true;
      readonly file: RegisterFile;
      readonly fileName: string;
      readonly json: string;
    }
  /** Message keys of the `registers` namespace. */
  | { readonly ok: false; readonly reason: string };

/** Name, type and size of each scan, as the events that attach it state them. */
function scanMeta(events: readonly CaseEvent[]) {
  const meta = new Map<string, { name: string; mime: string; size: number }>();
  for (const e of events) {
    const list =
      e.type === 'Registered'
        ? e.payload.attachments
        : e.type === 'AcceptanceRefused'
          ? (e.payload.attachments ?? [])
          : [];
    for (const a of list) {
      if (!meta.has(a.sha256)) meta.set(a.sha256, { name: a.name, mime: a.mime, size: a.size });
    }
  }
  return meta;
}

/**
 * The file for a signed register, checked with verifyRegisterFile before it is returned: a register
 * whose content no longer verifies (a case log or the office profile changed since signing, the
 * signer's key unknown) is refused with the reason the district would give.
 */
export async function buildRegisterFile(
  subtle: SubtleCryptoLike,
  input: RegisterFileInput,
  resolveKey: SignerKeyResolver,
): Promise<BuildRegisterFileResult> {
  const state = foldRegister(input.registerEvents);
  const summary = registerFileSummary(state);
  if (summary === null) return { ok: false, reason: 'registers:errors.notSigned' };
  const document = await signedRegisterDocument(subtle, state, input.cases, input.office);
  if (!document.ok) return document;

  const byCase = new Map(input.cases.map((c) => [c.caseId, c.events]));
  const allEvents = summary.caseIds.flatMap((caseId) => byCase.get(caseId) ?? []);
  const meta = scanMeta(allEvents);
  const attachments: RegisterFile['attachments'] = [];
  for (const hash of attachmentHashesOf(allEvents)) {
    const info = meta.get(hash);
    if (!info) continue;
    const bytes = input.includeContent ? input.scans.get(hash) : undefined;
    attachments.push({
      sha256: hash,
      ...info,
      ...(bytes !== undefined ? { content: encodeBase64(bytes) } : {}),
    });
  }

  const candidate = {
    format: REGISTER_FILE_FORMAT,
    version: REGISTER_FILE_VERSION,
    exportedAt: input.exportedAt,
    office: input.office,
    registerEvents: [...input.registerEvents],
    register: summary,
    signer: {
      userId: input.signer.userId,
      name: input.signer.name,
      ...(input.signer.publicKey ? { publicKey: input.signer.publicKey } : {}),
    },
    document: document.document,
    cases: summary.caseIds.map((caseId) => ({ caseId, events: byCase.get(caseId) ?? [] })),
    contentIncluded: input.includeContent,
    attachments,
  };
  const parsed = registerFileSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: R.contentMismatch };
  const verified = await verifyRegisterFile(subtle, parsed.data, resolveKey);
  if (!verified.ok) return verified;
  return {
    ok: true,
    file: parsed.data,
    fileName: registerFileName(summary.number),
    json: JSON.stringify(parsed.data, null, 1),
  };
}
