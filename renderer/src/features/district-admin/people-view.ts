// The people of the district and their signing keys, as THIS desk's directory knows them (the desk's
// own users and the directory events sync brought, folded by shared/directory): read only, and
// available offline. What must stay true:
// - Only people of the desk's district are listed; their office, role and whether they are active
//   are the fold's, never a guess.
// - A signer's key "in force" is the open period of the fold's key history (from when); every closed
//   period is an earlier key, newest first. A deactivated signer has no key in force.
// - The desk's own office comes first, then the others by office id; in an office, the active first,
//   then by name in Kazakh order.
import type { UserDirectoryState } from '../../../../shared/directory';
import type { ActorRole } from '../../../../shared/events/envelope';
import { isSignerRole } from '../../../../shared/office';
import { shortFingerprint } from '../../../../shared/signing';
import { compareKazakh } from '../../../../shared/text';
import type { LocalDateTime } from '../../../../shared/time';

export interface KeyLine {
  readonly keyId: string;
  readonly from: LocalDateTime;
  /** null while in force. */
  readonly to: LocalDateTime | null;
}

export interface PersonRow {
  readonly userId: string;
  readonly name: string;
  readonly role: ActorRole;
  readonly officeId: string;
  readonly active: boolean;
  /** The role signs documents (holds a key pair). */
  readonly signer: boolean;
  /** The key in force now, from when; null for a non-signer or a deactivated signer. */
  readonly key: KeyLine | null;
  /** Keys (or earlier stretches of a key) no longer in force, newest first. */
  readonly earlierKeys: readonly KeyLine[];
}

export interface OfficePeople {
  readonly officeId: string;
  readonly people: readonly PersonRow[];
}

export function personRow(state: UserDirectoryState): PersonRow | null {
  const user = state.user;
  if (user === null) return null;
  const lines = user.keys.map((k) => ({ keyId: k.keyId, from: k.from, to: k.to }));
  return {
    userId: user.userId,
    name: user.name,
    role: user.role,
    officeId: user.officeId,
    active: user.active,
    signer: isSignerRole(user.role),
    key: lines.find((k) => k.to === null) ?? null,
    earlierKeys: lines.filter((k) => k.to !== null).reverse(),
  };
}

/** The district's people by office: `ownOfficeId` first, then the others by office id. */
export function peopleByOffice(
  directory: ReadonlyMap<string, UserDirectoryState>,
  districtId: string,
  ownOfficeId: string,
): OfficePeople[] {
  const byOffice = new Map<string, PersonRow[]>();
  for (const state of directory.values()) {
    if (state.user?.districtId !== districtId) continue;
    const row = personRow(state);
    if (row === null) continue;
    const list = byOffice.get(row.officeId);
    if (list) list.push(row);
    else byOffice.set(row.officeId, [row]);
  }
  const rank = (id: string) => (id === ownOfficeId ? 0 : 1);
  return [...byOffice.keys()]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((officeId) => ({
      officeId,
      people: (byOffice.get(officeId) ?? []).sort(
        (a, b) => Number(b.active) - Number(a.active) || compareKazakh(a.name, b.name),
      ),
    }));
}

/** A key's fingerprint as people compare it: the first 16 hex digits in groups of 4. */
export function fingerprintText(keyId: string): string {
  // The directory's schema admits only 64-hex fingerprints; anything else is shown as it is.
  return /^[0-9a-f]{64}$/.test(keyId) ? shortFingerprint(keyId) : keyId;
}
