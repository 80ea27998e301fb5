// The desk's side of the register file (shared/registers/register-file): the file is built from this
// desk's logs, and a file is checked against this desk's registry of users and keys (key-registry),
// never against the key the file carries.
import type { OfficeProfile } from '../../../../shared/office';
import {
  buildRegisterFile,
  verifyRegisterFile,
  type BuildRegisterFileResult,
  type RegisterFile,
  type VerifyRegisterFileResult,
} from '../../../../shared/registers';
import type { LocalDateTime } from '../../../../shared/time';
import { deskKeyResolver, loadRegisterBundle, type DeskDatabase } from '../../db';

export interface ExportRegisterOptions {
  readonly exportedAt: LocalDateTime;
  /** Include the scans' content (base64): the file grows by 4/3 of the scans' size. */
  readonly includeContent: boolean;
}

export type ExportRegisterResult =
  | (Extract<BuildRegisterFileResult, { ok: true }> & {
      /** Scans the cases name that this desk does not hold: not in the file even when asked for. */
      readonly missingScans: number;
    })
  | { readonly ok: false; readonly reason: string };

/**
 * The file of a signed register as this desk holds it, checked the way the district will check it
 * before it is returned: a register whose content no longer verifies is refused with the reason.
 */
export async function exportRegisterFile(
  db: DeskDatabase,
  registerId: string,
  office: OfficeProfile,
  options: ExportRegisterOptions,
): Promise<ExportRegisterResult> {
  const bundle = await loadRegisterBundle(db, registerId);
  if (!bundle) return { ok: false, reason: 'registers:errors.notFound' };
  if (!bundle.signer) return { ok: false, reason: 'registers:errors.notSigned' };
  const scans = new Map<string, Uint8Array>();
  if (options.includeContent) {
    for (const a of bundle.attachments) {
      scans.set(a.sha256, new Uint8Array(await a.blob.arrayBuffer()));
    }
  }
  const built = await buildRegisterFile(
    crypto.subtle,
    {
      registerEvents: bundle.registerEvents,
      cases: bundle.cases,
      office,
      signer: {
        userId: bundle.signer.userId,
        name: bundle.signer.name,
        ...(bundle.signer.publicKey ? { publicKey: bundle.signer.publicKey } : {}),
      },
      scans,
      exportedAt: options.exportedAt,
      includeContent: options.includeContent,
    },
    deskKeyResolver(db),
  );
  if (!built.ok) return built;
  return { ...built, missingScans: options.includeContent ? bundle.missingAttachments.length : 0 };
}

/** Checks a register file with the keys this desk has registered for its signers. */
export function verifyRegisterFileOnDesk(
  db: DeskDatabase,
  file: RegisterFile,
): Promise<VerifyRegisterFileResult> {
  return verifyRegisterFile(crypto.subtle, file, deskKeyResolver(db));
}
