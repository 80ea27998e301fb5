// The TSA (АӘК) recipients the hub delivers as reference data: each quarter of a page is the whole
// list of that quarter within the desk's scope (shared/sync/reference), so it replaces the quarter's
// rows with importTsaRecipients (replaceQuarters), the one function the file import uses too. What
// must stay true:
// - A page and the version it brings are stored in ONE transaction: a desk stopped in the middle has
//   the page and its version, or neither, and asks again for the same page.
// - The version only grows: an older page (a retry that crossed a newer one) changes nothing.
// - Each row says where it came from: the hub's file names and the hub's host, language-neutral.
import type { TsaReply } from '../../../shared/sync';
import type { DeskDatabase } from './database';
import { deleteTsaQuarter, importTsaRecipients } from './tsa-register-queries';

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
      await importTsaRecipients(
        db,
        list.rows.map((r) => ({ ...r, quarter: list.quarter })),
        { source: hubTsaSource(list.sources, hubUrl), nowMs, mode: 'replaceQuarters' },
      );
      rows += list.rows.length;
    }
    await db.settings.put({ key: TSA_VERSION_SETTING, value: page.version });
    return { version: page.version, quarters: page.quarters.map((q) => q.quarter), rows };
  });
}
