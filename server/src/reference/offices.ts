// The offices of a district as reference data for its desks (GET /v1/reference/offices): the okrugs'
// akimats and the district department, by id, code, kind and names in kk and ru, so the district's
// screens name an okrug rather than print its code. What must stay true:
// - A device is answered its own district's offices only (the registry's offices table, keyed by
//   district), and of each office only what names it: nothing of devices, codes or who added it.
// - The version is the SHA-256 of the directory exactly as it travels, offices in one fixed order
//   (by id, compared as strings, not by the database's collation), so PostgreSQL and PGlite give the
//   same version and any added or renamed office changes it.
// - What is in force is read from the database on every call.
import { createHash } from 'node:crypto';
import type { OfficeKind } from '../../../shared/office';
import type { DirectoryOffice, OfficesReply } from '../../../shared/sync';
import type { Queryable } from '../db';

/** The version of a directory: the SHA-256 (hex) of its offices as they travel, in their order. */
export function officesVersionOf(offices: readonly DirectoryOffice[]): string {
  return createHash('sha256').update(JSON.stringify(offices)).digest('hex');
}

/** Every office of `districtId`, ordered by id, with the directory's version. */
export async function districtOffices(db: Queryable, districtId: string): Promise<OfficesReply> {
  const { rows } = await db.query<{
    id: string;
    code: string;
    kind: OfficeKind;
    name_kk: string;
    name_ru: string;
  }>('select id, code, kind, name_kk, name_ru from offices where district_id = $1', [districtId]);
  const offices: DirectoryOffice[] = rows
    .map((r) => ({ id: r.id, code: r.code, kind: r.kind, nameKk: r.name_kk, nameRu: r.name_ru }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { version: officesVersionOf(offices), offices };
}
