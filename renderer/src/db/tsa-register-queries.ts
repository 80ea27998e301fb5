import type { DeskDatabase, TsaRecipientRow } from './database';

// The local register of targeted-assistance recipients: the district's list per quarter, imported from
// a file (later also delivered by sync). The certificate of belonging is issued from it on the spot.

export interface TsaImportRow {
  iin: string;
  fullName: string;
  /** 'YYYY-Qn' */
  quarter: string;
  familyMembers: string[];
  /** The okrugs whose lists name the recipient (TsaRecipientRow officeIds); a file names none. */
  officeIds?: string[];
}

/**
 * merge: add the file's recipients, replacing the ones with the same IIN in the same quarter;
 * replaceQuarters: the file is the complete list of its quarters, so everybody else listed for those
 * quarters (people who no longer receive assistance) is removed first.
 */
export type TsaImportMode = 'merge' | 'replaceQuarters';

export interface TsaImportOptions {
  /** The file name, kept with each row so a certificate can say where its data came from. */
  source: string;
  nowMs: number;
  mode?: TsaImportMode;
}

export interface TsaImportSummary {
  added: number;
  replaced: number;
  /** Rows removed by replaceQuarters that the file does not list again. */
  removed: number;
  /** The quarters the file touched, sorted. */
  quarters: string[];
}

const keyOf = (r: { iin: string; quarter: string }): string => `${r.iin}|${r.quarter}`;

/**
 * Saves the rows in one transaction: all of them, or (on any failure) none. Rows repeating an IIN and
 * quarter keep the last one.
 */
export async function importTsaRecipients(
  db: DeskDatabase,
  rows: readonly TsaImportRow[],
  options: TsaImportOptions,
): Promise<TsaImportSummary> {
  const unique = new Map<string, TsaImportRow>();
  for (const row of rows) unique.set(keyOf(row), row);
  const incoming = [...unique.values()];
  const quarters = [...new Set(incoming.map((r) => r.quarter))].sort();
  return db.transaction('rw', db.tsaRecipients, async () => {
    let removed = 0;
    if (options.mode === 'replaceQuarters' && quarters.length > 0) {
      const stale = await db.tsaRecipients
        .where('quarter')
        .anyOf(quarters)
        .filter((r) => !unique.has(keyOf(r)))
        .primaryKeys();
      await db.tsaRecipients.bulkDelete(stale);
      removed = stale.length;
    }
    const existing = await db.tsaRecipients.bulkGet(
      incoming.map((r): [string, string] => [r.iin, r.quarter]),
    );
    const replaced = existing.filter((r) => r !== undefined).length;
    await db.tsaRecipients.bulkPut(
      incoming.map((r): TsaRecipientRow => ({
        iin: r.iin,
        quarter: r.quarter,
        fullName: r.fullName,
        familyMembers: r.familyMembers,
        importedAtMs: options.nowMs,
        source: options.source,
        ...(r.officeIds ? { officeIds: r.officeIds } : {}),
      })),
    );
    return { added: incoming.length - replaced, replaced, removed, quarters };
  });
}

export interface TsaQuarterSummary {
  quarter: string;
  count: number;
  /** The latest import that touched the quarter. */
  lastImportedAtMs: number;
  lastSource: string;
}

/** Recipients per quarter, the latest quarter first. */
export async function tsaQuarterCounts(db: DeskDatabase): Promise<TsaQuarterSummary[]> {
  const byQuarter = new Map<string, TsaQuarterSummary>();
  await db.tsaRecipients.each((row) => {
    const seen = byQuarter.get(row.quarter);
    if (!seen) {
      byQuarter.set(row.quarter, {
        quarter: row.quarter,
        count: 1,
        lastImportedAtMs: row.importedAtMs,
        lastSource: row.source,
      });
      return;
    }
    seen.count += 1;
    if (row.importedAtMs > seen.lastImportedAtMs) {
      seen.lastImportedAtMs = row.importedAtMs;
      seen.lastSource = row.source;
    }
  });
  return [...byQuarter.values()].sort((a, b) => b.quarter.localeCompare(a.quarter));
}

/** How many recipients the register holds for a quarter (0: its list was never imported). */
export function tsaQuarterSize(db: DeskDatabase, quarter: string): Promise<number> {
  return db.tsaRecipients.where('quarter').equals(quarter).count();
}

/** The recipient with this IIN in this quarter, if the register lists them. */
export function findTsaRecipient(
  db: DeskDatabase,
  iin: string,
  quarter: string,
): Promise<TsaRecipientRow | undefined> {
  return db.tsaRecipients.get([iin, quarter]);
}

/**
 * The recipient's rows for the whole IIN typed (spaces allowed), latest quarter first. The register
 * keeps IINs only as blind values (at-rest.ts, issue 11 §1): an IIN is found whole, never by its first
 * digits.
 */
export async function searchTsaRecipients(
  db: DeskDatabase,
  typed: string,
  limit = 50,
): Promise<TsaRecipientRow[]> {
  const digits = typed.replace(/\D/g, '');
  if (digits.length !== 12) return [];
  const rows = await db.tsaRecipients.where('iin').equals(digits).limit(limit).toArray();
  return rows.sort((a, b) => a.iin.localeCompare(b.iin) || b.quarter.localeCompare(a.quarter));
}

/** Removes a quarter's list (e.g. one imported by mistake); returns how many rows went. */
export function deleteTsaQuarter(db: DeskDatabase, quarter: string): Promise<number> {
  return db.transaction('rw', db.tsaRecipients, () =>
    db.tsaRecipients.where('quarter').equals(quarter).delete(),
  );
}
