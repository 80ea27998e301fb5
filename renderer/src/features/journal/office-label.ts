import type { Language } from '../../../../shared/ipc';
import { normalizeOfficeCode, type OfficeProfile } from '../../../../shared/office';

/** What a desk knows of an office's name: its own profile, or a directory of the district's offices. */
export type OfficeNames = ReadonlyMap<string, Pick<OfficeProfile, 'nameKk' | 'nameRu'>>;

const OFFICE_ID_PREFIX = 'office-';

/**
 * The okrug's code an office id was made from (shared/office officeIdFor: code KZL01 → id
 * office-kzl01), as the registration numbers print it; the id itself when it was not made so.
 */
export function officeCodeOf(officeId: string): string {
  return officeId.startsWith(OFFICE_ID_PREFIX)
    ? normalizeOfficeCode(officeId.slice(OFFICE_ID_PREFIX.length))
    : officeId;
}

/**
 * How an office is named on the district's screens: its name from what the desk knows (its own
 * profile, a directory of the district's offices when the desk holds one), else its code.
 */
export function officeLabel(
  officeId: string | null,
  language: Language,
  own: OfficeProfile | null,
  directory: OfficeNames = new Map(),
): string {
  if (officeId === null) return '—';
  const named = own !== null && own.officeId === officeId ? own : directory.get(officeId);
  if (named) return language === 'kk' ? named.nameKk : named.nameRu;
  return officeCodeOf(officeId);
}
