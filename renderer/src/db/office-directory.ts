// The offices of the desk's district (the okrugs' akimats and the district department) by name, as
// the hub's registry has them: reference data kept in one settings row, fetched in the sync's
// reference step (GET /v1/reference/offices) when the hub's version differs from the desk's. The
// district's screens name an okrug by it (features/journal officeLabel) rather than print its code.
// What must stay true:
// - A reply that does not fit the shared schema (officesReplySchema) changes nothing; a valid one
//   replaces the directory whole, so an office renamed or added at the hub is named so on the desk.
// - The desk's own office is named by its profile, not by this directory (officeLabel decides).
// - A stored row that no longer parses is as if none were kept: okrugs are shown by their codes.
// - The row is an ordinary settings row, so a backup carries it and a restore brings it back.
import { officesReplySchema, type OfficesReply } from '../../../shared/sync';
import type { DeskDatabase } from './database';

export const OFFICE_DIRECTORY_SETTING = 'officeDirectory';

/** An office's names by its id: what officeLabel is given to name the district's offices. */
export type OfficeDirectoryNames = ReadonlyMap<
  string,
  { readonly nameKk: string; readonly nameRu: string }
>;

/** The directory kept on this desk, with its version; null when none is (or it no longer parses). */
export async function deskOfficeDirectory(db: DeskDatabase): Promise<OfficesReply | null> {
  const value = (await db.settings.get(OFFICE_DIRECTORY_SETTING))?.value;
  if (value === undefined) return null;
  const parsed = officesReplySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The district's offices' names by id (empty when the desk holds no directory). */
export async function deskOfficeNames(db: DeskDatabase): Promise<OfficeDirectoryNames> {
  const directory = await deskOfficeDirectory(db);
  return new Map(
    (directory?.offices ?? []).map((o) => [o.id, { nameKk: o.nameKk, nameRu: o.nameRu }]),
  );
}

export type OfficeDirectoryStore =
  | { readonly ok: true; readonly version: string; readonly changed: boolean }
  | { readonly ok: false; readonly reason: 'sync:errors.badReply' };

/**
 * Keeps the hub's directory in place of the desk's, in one transaction, when it is valid; a
 * directory of the version the desk already has changes nothing (`changed: false`).
 */
export async function storeOfficeDirectory(
  db: DeskDatabase,
  raw: unknown,
): Promise<OfficeDirectoryStore> {
  const parsed = officesReplySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'sync:errors.badReply' };
  const directory = parsed.data;
  return db.transaction('rw', db.settings, async (): Promise<OfficeDirectoryStore> => {
    if ((await deskOfficeDirectory(db))?.version === directory.version) {
      return { ok: true, version: directory.version, changed: false };
    }
    await db.settings.put({ key: OFFICE_DIRECTORY_SETTING, value: directory });
    return { ok: true, version: directory.version, changed: true };
  });
}
