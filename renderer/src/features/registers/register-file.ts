// The register file (`register-<number>.akimat.json`): how a signed covering register reaches the
// district department while the desk cannot sync with the hub (a USB stick, e-mail). The later sync
// and the district's import read it with `registerFileSchema` and check it with `verifyRegisterFile`.
//
// Format, version 1 (JSON, UTF-8):
//   format, version      'akimat-desk.register', 1
//   exportedAt           office wall-clock time of the export (LocalDateTime)
//   office               the sending office's profile (shared/office OfficeProfile)
//   register             id, number, date, caseIds, createdBy, forwardedAt (null until forwarded) and
//                        the akim's signature {algorithm, value, signedDigest, keyId, signerId, signedAt}
//   signer               userId, name and public key (P-256 JWK) of the akim; keyId is its fingerprint
//   document             the canonical register content the akim signed (documents' registerDocument)
//   cases                per case of the register, in its order: the case's full event log, as stored
//   attachments          every scan the events name: sha256, name, mime, size, and `content` (base64)
//                        when the sender chose to include the scans (`contentIncluded`)
//
// What must stay true: the signature verifies over `document`, and `document` is exactly what
// registerDocument builds from the register, the journal rows folded from `cases` and `office`; so the
// receiver can trust the event logs as the ones the akim signed for. A new field is a new version.
import { z } from 'zod';
import {
  caseEventSchema,
  foldCase,
  localDateSchema,
  localDateTimeSchema,
} from '../../../../shared/case';
import { officeProfileSchema, type OfficeProfile } from '../../../../shared/office';
import {
  canonicalJson,
  decodeBase64,
  encodeBase64,
  isPublicJwk,
  sha256,
  toHex,
  verifyCanonical,
  type JsonValue,
  type PublicJwk,
  type SubtleCryptoLike,
} from '../../../../shared/signing';
import type { LocalDateTime } from '../../../../shared/time';
import { journalRowOf, type CaseRow, type RegisterBundle } from '../../db';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { registerDocument } from '../documents';

export const REGISTER_FILE_FORMAT = 'akimat-desk.register';
export const REGISTER_FILE_VERSION = 1;
export const REGISTER_FILE_SUFFIX = '.akimat.json';

const id = z.string().min(1).max(128);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const publicJwkSchema = z
  .strictObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() })
  .refine(isPublicJwk, { error: 'not a P-256 public key' });

const registerSignatureSchema = z.strictObject({
  algorithm: z.literal('ECDSA-P256-SHA256'),
  value: z.base64(),
  signedDigest: z.base64(),
  keyId: sha256Hex,
  signerId: id,
  signedAt: localDateTimeSchema,
});

export const registerFileSchema = z
  .strictObject({
    format: z.literal(REGISTER_FILE_FORMAT),
    version: z.literal(REGISTER_FILE_VERSION),
    exportedAt: localDateTimeSchema,
    office: officeProfileSchema,
    register: z.strictObject({
      id,
      number: z.string().min(1),
      date: localDateSchema,
      caseIds: z.array(id).min(1),
      createdBy: id,
      forwardedAt: localDateTimeSchema.nullable(),
      signature: registerSignatureSchema,
    }),
    signer: z.strictObject({ userId: id, name: z.string().min(1), publicKey: publicJwkSchema }),
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
    if (file.signer.userId !== file.register.signature.signerId) {
      ctx.addIssue({ code: 'custom', message: 'signer differs', path: ['signer', 'userId'] });
    }
  });

export type RegisterFile = z.infer<typeof registerFileSchema>;

/** `register-KZL01-2-R3-2026.akimat.json`: the number with '/' (and anything unsafe) as '-'. */
export function registerFileName(number: string): string {
  return `register-${number.replace(/[^\p{L}\p{N}_-]+/gu, '-')}${REGISTER_FILE_SUFFIX}`;
}

export type ParseRegisterFileResult =
  { ok: true; file: RegisterFile } | { ok: false; reason: 'registers:file.unreadable' };

/** Reads the text of a register file; anything that is not a version-1 register file is unreadable. */
export function parseRegisterFile(text: string): ParseRegisterFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'registers:file.unreadable' };
  }
  const parsed = registerFileSchema.safeParse(json);
  return parsed.success
    ? { ok: true, file: parsed.data }
    : { ok: false, reason: 'registers:file.unreadable' };
}

/** The journal rows a receiver rebuilds from the event logs of the file. */
function rowsFromCases(cases: RegisterFile['cases']): CaseRow[] {
  return cases.flatMap((c) => {
    const row = journalRowOf(foldCase(c.events), createWorkingCalendar(), 0);
    return row ? [row] : [];
  });
}

function documentOf(
  register: { id: string; number: string; date: string; caseIds: readonly string[] },
  rows: readonly CaseRow[],
  office: OfficeProfile,
): JsonValue | null {
  try {
    return registerDocument(register, rows, office);
  } catch {
    return null;
  }
}

export type VerifyRegisterFileResult =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'registers:file.badSignature'
        | 'registers:file.contentMismatch'
        | 'registers:file.attachmentCorrupt';
    };

/**
 * Checks a parsed register file: the akim's signature over `document`, `document` against the event
 * logs it claims to cover, and every included scan against its hash.
 */
export async function verifyRegisterFile(
  subtle: SubtleCryptoLike,
  file: RegisterFile,
): Promise<VerifyRegisterFileResult> {
  const { signerId: _signer, signedAt: _at, ...signature } = file.register.signature;
  const publicKey: PublicJwk = file.signer.publicKey;
  if (!(await verifyCanonical(subtle, publicKey, file.document, signature))) {
    return { ok: false, reason: 'registers:file.badSignature' };
  }
  const rebuilt = documentOf(file.register, rowsFromCases(file.cases), file.office);
  if (rebuilt === null || canonicalJson(rebuilt) !== canonicalJson(file.document)) {
    return { ok: false, reason: 'registers:file.contentMismatch' };
  }
  for (const attachment of file.attachments) {
    if (attachment.content === undefined) continue;
    const bytes = decodeBase64(attachment.content);
    if (bytes === null || toHex(await sha256(subtle, bytes)) !== attachment.sha256) {
      return { ok: false, reason: 'registers:file.attachmentCorrupt' };
    }
  }
  return { ok: true };
}

export interface BuildRegisterFileOptions {
  readonly exportedAt: LocalDateTime;
  /** Include the scans' content (base64): the file grows by 4/3 of the scans' size. */
  readonly includeContent: boolean;
}

export type BuildRegisterFileResult =
  | { ok: true; file: RegisterFile; fileName: string; json: string }
  /** Message keys of the `registers` namespace. */
  | { ok: false; reason: string };

/**
 * The file for a signed register. Refuses a register whose content no longer verifies against its
 * signature (a case row or the office profile changed since signing): the district would reject it.
 */
export async function buildRegisterFile(
  subtle: SubtleCryptoLike,
  bundle: RegisterBundle,
  office: OfficeProfile,
  options: BuildRegisterFileOptions,
): Promise<BuildRegisterFileResult> {
  const { register, signer } = bundle;
  if (register.signature === null) return { ok: false, reason: 'registers:errors.notSigned' };
  if (!signer) return { ok: false, reason: 'registers:file.signerUnknown' };
  const document = documentOf(register, bundle.rows, office);
  if (document === null) return { ok: false, reason: 'registers:file.contentMismatch' };

  const byCase = new Map<string, RegisterFile['cases'][number]['events']>();
  for (const event of bundle.events) {
    const list = byCase.get(event.caseId);
    if (list) list.push(event);
    else byCase.set(event.caseId, [event]);
  }
  const names = new Map<string, { name: string; mime: string; size: number }>();
  for (const event of bundle.events) {
    if (event.type !== 'Registered') continue;
    for (const a of event.payload.attachments) names.set(a.sha256, a);
  }
  const stored = new Map(bundle.attachments.map((a) => [a.sha256, a]));
  const attachments: RegisterFile['attachments'] = [];
  for (const [hash, meta] of names) {
    const row = stored.get(hash);
    const content =
      options.includeContent && row
        ? encodeBase64(new Uint8Array(await row.blob.arrayBuffer()))
        : undefined;
    attachments.push({
      sha256: hash,
      name: row?.name ?? meta.name,
      mime: row?.mime ?? meta.mime,
      size: row?.size ?? meta.size,
      ...(content !== undefined ? { content } : {}),
    });
  }

  const candidate = {
    format: REGISTER_FILE_FORMAT,
    version: REGISTER_FILE_VERSION,
    exportedAt: options.exportedAt,
    office,
    register: {
      id: register.id,
      number: register.number,
      date: register.date,
      caseIds: [...register.caseIds],
      createdBy: register.createdBy,
      forwardedAt: register.forwardedAt,
      signature: register.signature,
    },
    signer: { userId: signer.userId, name: signer.name, publicKey: signer.publicKey },
    document,
    cases: register.caseIds.map((caseId) => ({ caseId, events: byCase.get(caseId) ?? [] })),
    contentIncluded: options.includeContent,
    attachments,
  };
  const parsed = registerFileSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: 'registers:file.contentMismatch' };
  const verified = await verifyRegisterFile(subtle, parsed.data);
  if (!verified.ok) return { ok: false, reason: verified.reason };
  return {
    ok: true,
    file: parsed.data,
    fileName: registerFileName(register.number),
    json: JSON.stringify(parsed.data, null, 1),
  };
}
