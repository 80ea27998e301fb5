// The registers of targeted-assistance (TSA/АӘК) recipients at the hub: uploaded at the district per
// okrug, handed to desks as reference data within their scope. What must stay true:
// - What is stored has passed the shared parser (shared/tsa-register parseTsaTable) with no row
//   refused: the hub takes a file only when the desk's own import would take every row of it.
// - An upload replaces, per quarter it names, the okrug's whole list, and gives those quarters one new
//   version of the district. Uploads of a district take their version under a lock of the district's
//   row, so versions follow the order uploads commit: asking "after v" never skips one.
// - A desk gets only its scope: an akimat's desk its own office's lists, the district department's
//   desks every okrug of the district. Each quarter it gets is the whole list of that quarter in its
//   scope (the union of its okrugs'), so the desk may replace the quarter with it.
// - Each row handed out names its okrug (officeId: the office_id of the list it is stored in, never
//   anything the uploaded file says), so the district's desk lists it under that okrug only.
// - registry_log says who uploaded what and when, with counts only: no IIN and no name in it.
import { normalizeDistrictId, officeIdFor } from '../../../shared/office';
import type { TsaFileRow } from '../../../shared/tsa-register';
import type { TsaQuarterList, TsaRecipient, TsaReply } from '../../../shared/sync';
import type { HubDatabase, Queryable } from '../db';
import type { Device } from '../registry/registry';

export interface TsaUploadTarget {
  readonly officeCode: string;
  /** Needed only when two districts use the same office code. */
  readonly districtCode?: string;
}

export type TsaUploadResult =
  | {
      readonly ok: true;
      readonly version: number;
      readonly officeId: string;
      readonly districtId: string;
      /** The quarters the upload replaced, sorted, with their number of recipients. */
      readonly quarters: readonly { readonly quarter: string; readonly count: number }[];
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Stores the okrug's lists of the quarters `rows` name, each replacing the one before, in one
 * transaction. `source` is the uploaded file's name, shown on the desk as where the rows came from.
 */
export function uploadTsaRegister(
  db: HubDatabase,
  target: TsaUploadTarget,
  rows: readonly TsaFileRow[],
  source: string,
  actor: string,
): Promise<TsaUploadResult> {
  if (rows.length === 0) return Promise.resolve({ ok: false, reason: 'hub:tsa.empty' });
  const byQuarter = new Map<string, Map<string, TsaRecipient>>();
  for (const row of rows) {
    const list = byQuarter.get(row.quarter) ?? new Map<string, TsaRecipient>();
    // The parser refuses a repeated IIN within a quarter; the last one would win here anyway.
    list.set(row.iin, { iin: row.iin, fullName: row.fullName, familyMembers: row.familyMembers });
    byQuarter.set(row.quarter, list);
  }
  const quarters = [...byQuarter.keys()].sort();
  return db.transaction(async (tx): Promise<TsaUploadResult> => {
    const found = await tx.query<{ id: string; district_id: string }>(
      `select id, district_id from offices where id = $1 and ($2::text is null or district_id = $2)`,
      [
        officeIdFor(target.officeCode),
        target.districtCode === undefined ? null : normalizeDistrictId(target.districtCode),
      ],
    );
    if (found.rows.length === 0) return { ok: false, reason: 'hub:registry.officeUnknown' };
    if (found.rows.length > 1) return { ok: false, reason: 'hub:registry.officeAmbiguous' };
    const { id: officeId, district_id: districtId } = found.rows[0] as {
      id: string;
      district_id: string;
    };
    // One upload of the district at a time: versions are given in the order they commit.
    await tx.query('select id from districts where id = $1 for update', [districtId]);
    const last = await tx.query<{ v: string | null }>(
      'select max(version)::text as v from tsa_registers where district_id = $1',
      [districtId],
    );
    const version = Number(last.rows[0]?.v ?? 0) + 1;
    const counts: { quarter: string; count: number }[] = [];
    for (const quarter of quarters) {
      const list = [...(byQuarter.get(quarter)?.values() ?? [])];
      await tx.query(
        `insert into tsa_registers
           (district_id, office_id, quarter, version, rows, row_count, source, uploaded_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (district_id, office_id, quarter) do update
         set version = excluded.version, rows = excluded.rows, row_count = excluded.row_count,
             source = excluded.source, uploaded_by = excluded.uploaded_by, uploaded_at = now()`,
        [districtId, officeId, quarter, version, JSON.stringify(list), list.length, source, actor],
      );
      counts.push({ quarter, count: list.length });
    }
    await tx.query(
      `insert into registry_log (actor, action, subject, detail) values ($1, 'tsa.upload', $2, $3)`,
      [actor, `${districtId}/${officeId}`, JSON.stringify({ version, quarters: counts })],
    );
    return { ok: true, version, officeId, districtId, quarters: counts };
  });
}

/** The office a device's scope is limited to, or null for the district department's whole district. */
const scopeOffice = (device: Device): string | null =>
  device.officeKind === 'district' ? null : device.officeId;

/** The newest TSA version within the device's scope (0 when nothing was uploaded for it). */
export async function tsaVersionInScope(db: Queryable, device: Device): Promise<number> {
  const { rows } = await db.query<{ v: string | null }>(
    `select max(version)::text as v from tsa_registers
     where district_id = $1 and ($2::text is null or office_id = $2)`,
    [device.districtId, scopeOffice(device)],
  );
  return Number(rows[0]?.v ?? 0);
}

/** Versions (uploads) per page: a page carries whole quarters of whole uploads. */
export const TSA_VERSIONS_PER_PAGE = 8;

/**
 * One page of what changed in the device's scope after version `after`: every quarter the next
 * uploads touched, each as its whole list within the scope.
 */
export async function tsaRegisterPage(
  db: Queryable,
  device: Device,
  after: number,
  versionsPerPage: number = TSA_VERSIONS_PER_PAGE,
): Promise<TsaReply> {
  const office = scopeOffice(device);
  const versions = await db.query<{ v: string }>(
    `select version::text as v from (
       select distinct version from tsa_registers
       where district_id = $1 and ($2::text is null or office_id = $2) and version > $3
       order by version limit $4) next_versions`,
    [device.districtId, office, after, versionsPerPage],
  );
  const numbers = versions.rows.map((r) => Number(r.v));
  if (numbers.length === 0) return { version: after, quarters: [], more: false };
  const top = Math.max(...numbers);
  const touched = await db.query<{ quarter: string }>(
    `select distinct quarter from tsa_registers
     where district_id = $1 and ($2::text is null or office_id = $2) and version > $3
       and version <= $4`,
    [device.districtId, office, after, top],
  );
  const quarters = touched.rows.map((r) => r.quarter).sort();
  const lists = await db.query<{
    quarter: string;
    office_id: string;
    rows: unknown;
    source: string;
  }>(
    `select quarter, office_id, rows, source from tsa_registers
     where district_id = $1 and ($2::text is null or office_id = $2) and quarter = any($3::text[])
     order by quarter, office_id`,
    [device.districtId, office, quarters],
  );
  const byQuarter = new Map<string, TsaQuarterList>(
    quarters.map((quarter) => [quarter, { quarter, sources: [], rows: [] }]),
  );
  for (const list of lists.rows) {
    const entry = byQuarter.get(list.quarter);
    if (!entry) continue;
    const stored = (typeof list.rows === 'string' ? JSON.parse(list.rows) : list.rows) as
      TsaRecipient[] | null;
    // The okrug is the list's; the stored rows (written by uploadTsaRegister) carry none of their own.
    entry.rows.push(
      ...(stored ?? []).map((r): TsaRecipient => ({
        iin: r.iin,
        fullName: r.fullName,
        familyMembers: r.familyMembers,
        officeId: list.office_id,
      })),
    );
    if (!entry.sources.includes(list.source)) entry.sources.push(list.source);
  }
  const more = await db.query<{ more: boolean }>(
    `select exists (select 1 from tsa_registers
       where district_id = $1 and ($2::text is null or office_id = $2) and version > $3) as more`,
    [device.districtId, office, top],
  );
  return { version: top, quarters: [...byQuarter.values()], more: more.rows[0]?.more === true };
}
