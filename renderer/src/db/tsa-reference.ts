// The TSA (АӘК) recipients the hub delivers as reference data: each quarter of a page is the whole
// list of that quarter within the desk's scope (shared/sync/reference), so it replaces the quarter's
// rows with importTsaRecipients (replaceQuarters), the one function the file import uses too. What
// must stay true:
// - A page and the version it brings are stored in ONE transaction: a desk stopped in the middle has
//   the page and its version, or neither, and asks again for the same page.
// - The version only grows: an older page (a retry that crossed a newer one) changes nothing.
// - Each row says where it came from: the hub's file names and the hub's host, language-neutral.
// - Each row keeps the okrugs whose lists name the recipient (officeIds), one row a recipient even
//   when two okrugs list them; a row whose okrug the hub did not say keeps none (unknown), never a
//   guess.
import type { Table } from 'dexie';
import type { TsaQuarterList, TsaReply } from '../../../shared/sync';
import type { DeskDatabase, SettingRow } from './database';
import { OFFICE_SETTING, officeProfileOf } from './office-repository';
import { deleteTsaQuarter, importTsaRecipients, type TsaImportRow } from './tsa-register-queries';

/** The settings row with the TSA version this desk has from its hub. */
export const TSA_VERSION_SETTING = 'reference.tsaVersion';

/** The TSA version this desk has (0: none yet). */
export async function loadTsaVersion(db: DeskDatabase): Promise<number> {
  const value = (await db.settings.get(TSA_VERSION_SETTING))?.value;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

export interface TsaPageStored {
  /** The desk's version after the page (unchanged when the page was not newer). */
  readonly version: number;
  readonly quarters: readonly string[];
  readonly rows: number;
}

/** Where a delivered quarter came from, as the register screen and the certificate show it. */
export function hubTsaSource(sources: readonly string[], hubUrl: string): string {
  let host = hubUrl;
  try {
    host = new URL(hubUrl).host;
  } catch {
    // A stored address always parses; the raw text is still a fair name.
  }
  return `${sources.join(', ')} — ${host}`;
}

/**
 * A delivered quarter's rows as the desk stores them: one a recipient, in the order first listed,
 * with the name and family of their last row and every okrug that lists them, sorted. When any of
 * the recipient's rows names no okrug (a hub older than the okrug in its reply), their okrugs stay
 * unknown: the row has no officeIds.
 */
export function deliveredRows(list: TsaQuarterList): TsaImportRow[] {
  const byIin = new Map<string, { row: TsaImportRow; okrugs: Set<string> | null }>();
  for (const r of list.rows) {
    const seen = byIin.get(r.iin);
    const okrugs =
      r.officeId === undefined || (seen !== undefined && seen.okrugs === null)
        ? null
        : new Set([...(seen?.okrugs ?? []), r.officeId]);
    byIin.set(r.iin, {
      row: {
        iin: r.iin,
        fullName: r.fullName,
        familyMembers: r.familyMembers,
        quarter: list.quarter,
      },
      okrugs,
    });
  }
  return [...byIin.values()].map(({ row, okrugs }) =>
    okrugs === null ? row : { ...row, officeIds: [...okrugs].sort() },
  );
}

/** The tables the v19 upgrade reads and writes (database.ts). */
export interface TsaVersionTables {
  readonly settings: Table<SettingRow, string>;
}

/**
 * The v19 upgrade: the district department's desk forgets the TSA version it has, so its next sync
 * fetches every quarter of its hub again, each row naming its okrug (rows stored before name none).
 * An akimat's desk holds its own okrug's lists only and keeps its version: nothing is fetched again.
 */
export async function forgetTsaVersionOfDistrict(tables: TsaVersionTables): Promise<void> {
  const office = officeProfileOf((await tables.settings.get(OFFICE_SETTING))?.value);
  if (office?.kind !== 'district') return;
  await tables.settings.delete(TSA_VERSION_SETTING);
}

/** Stores one page from the hub: every quarter replaced by its delivered list, and the version. */
export function storeHubTsaPage(
  db: DeskDatabase,
  page: TsaReply,
  hubUrl: string,
  nowMs: number,
): Promise<TsaPageStored> {
  return db.transaction('rw', [db.tsaRecipients, db.settings], async () => {
    const current = await loadTsaVersion(db);
    if (page.version <= current) return { version: current, quarters: [], rows: 0 };
    let rows = 0;
    for (const list of page.quarters) {
      if (list.rows.length === 0) {
        await deleteTsaQuarter(db, list.quarter);
        continue;
      }
      const stored = deliveredRows(list);
      await importTsaRecipients(db, stored, {
        source: hubTsaSource(list.sources, hubUrl),
        nowMs,
        mode: 'replaceQuarters',
      });
      rows += stored.length;
    }
    await db.settings.put({ key: TSA_VERSION_SETTING, value: page.version });
    return { version: page.version, quarters: page.quarters.map((q) => q.quarter), rows };
  });
}
