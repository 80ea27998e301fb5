// Where sync keeps its state in the desk's `settings` table, and the hub link this desk joined with.
// Apart from the sync commands, so that what only asks "has this desk joined, and when" (the
// numbering hold of a restored desk, backup.ts) does not depend on everything sync writes.
import { z } from 'zod';
import { enrollReplySchema } from '../../../shared/sync';
import type { DeskDatabase } from './database';

/** Settings rows of sync (the `settings` table). */
export const SYNC_SETTINGS = {
  hubLink: 'sync.hub',
  cursor: 'sync.cursor',
  lastSuccessMs: 'sync.lastSuccessMs',
  lastFailure: 'sync.lastFailure',
  deviceKeys: 'sync.deviceKeys',
} as const;

const hubLinkSchema = enrollReplySchema.extend({
  /** The hub's base address as checked when joining (shared/sync/transport). */
  url: z.string().min(1),
  joinedAtMs: z.number(),
});
/** The hub this desk joined: the enrollment reply (credential included), where, and when. */
export type HubLink = z.infer<typeof hubLinkSchema>;

/** The stored hub link, or null before the desk joined a hub. */
export async function loadHubLink(db: DeskDatabase): Promise<HubLink | null> {
  const parsed = hubLinkSchema.safeParse((await db.settings.get(SYNC_SETTINGS.hubLink))?.value);
  return parsed.success ? parsed.data : null;
}
