// The income figures the desk compares a per-capita income with (the poverty line, the subsistence
// minimum): shared/income's versioned reference data, kept in one settings row. They arrive from the
// hub in the sync's reference step or as a file installed by hand on the system page; both go through
// installIncomeFigures. What must stay true:
// - Data that does not validate (parseIncomeFigures), or is not newer than what the desk has, changes
//   nothing: a version never goes back, and what is installed is replaced whole.
// - Nothing is bundled: without an installed file the desk has no figures and says so.
// - The row is an ordinary settings row, so a backup carries it and a restore brings it back.
import {
  isNewerFigures,
  parseIncomeFigures,
  type IncomeFigures,
  type IncomeFiguresReason,
} from '../../../shared/income';
import type { DeskDatabase } from './database';

export const INCOME_FIGURES_SETTING = 'incomeFigures';

/** The figures installed on this desk; null when none are (or the stored row no longer parses). */
export async function deskIncomeFigures(db: DeskDatabase): Promise<IncomeFigures | null> {
  const value = (await db.settings.get(INCOME_FIGURES_SETTING))?.value;
  if (value === undefined) return null;
  const parsed = parseIncomeFigures(value);
  return parsed.ok ? parsed.data : null;
}

export type IncomeFiguresInstall =
  | { readonly ok: true; readonly version: string }
  | { readonly ok: false; readonly reason: IncomeFiguresReason | 'income:figuresErrors.notNewer' };

/** Installs figures from outside the build when they are valid and newer, in one transaction. */
export async function installIncomeFigures(
  db: DeskDatabase,
  raw: unknown,
): Promise<IncomeFiguresInstall> {
  const parsed = parseIncomeFigures(raw);
  if (!parsed.ok) return parsed;
  return db.transaction('rw', db.settings, async (): Promise<IncomeFiguresInstall> => {
    if (!isNewerFigures(await deskIncomeFigures(db), parsed.data)) {
      return { ok: false, reason: 'income:figuresErrors.notNewer' };
    }
    await db.settings.put({ key: INCOME_FIGURES_SETTING, value: parsed.data });
    return { ok: true, version: parsed.data.version };
  });
}
