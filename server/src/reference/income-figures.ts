// The income figures at the hub (shared/income figures.ts: the poverty line, the subsistence
// minimum), installed by the district admin from a file and handed to desks as data. What must stay
// true:
// - Installed data passes the shared parser (parseIncomeFigures) and must be newer than what is
//   installed: a version never goes back, and one version has one content.
// - Nothing is bundled: until a file is installed the hub has no figures (version '').
// - What is in force is read from the database on every call.
import { isNewerFigures, parseIncomeFigures, type IncomeFigures } from '../../../shared/income';
import type { HubDatabase, Queryable } from '../db';
import type { InstallResult } from './reference';

/** The figures installed at the hub; null when none are. */
export async function incomeFiguresInForce(db: Queryable): Promise<IncomeFigures | null> {
  const { rows } = await db.query<{ body: unknown }>(
    "select body from reference_data where kind = 'figures'",
  );
  if (rows[0] === undefined) return null;
  const parsed = parseIncomeFigures(rows[0].body);
  return parsed.ok ? parsed.data : null;
}

/** The version of the figures in force ('' when none are installed). */
export async function incomeFiguresVersion(db: Queryable): Promise<string> {
  return (await incomeFiguresInForce(db))?.version ?? '';
}

/** Installs income figures from outside the build (the admin's file). */
export function installIncomeFigures(
  db: HubDatabase,
  raw: unknown,
  actor: string,
): Promise<InstallResult> {
  const parsed = parseIncomeFigures(raw);
  if (!parsed.ok) return Promise.resolve({ ok: false, reason: parsed.reason });
  const data = parsed.data;
  return db.transaction(async (tx) => {
    if (!isNewerFigures(await incomeFiguresInForce(tx), data)) {
      return { ok: false, reason: 'hub:reference.notNewer' };
    }
    await tx.query(
      `insert into reference_data (kind, version, body, installed_by) values ('figures', $1, $2, $3)
       on conflict (kind) do update
       set version = excluded.version, body = excluded.body, installed_by = excluded.installed_by,
           installed_at = now()`,
      [data.version, JSON.stringify(data), actor],
    );
    await tx.query(
      `insert into registry_log (actor, action, subject, detail) values ($1, 'reference.install', 'figures', $2)`,
      [actor, JSON.stringify({ version: data.version })],
    );
    return { ok: true, version: data.version };
  });
}
