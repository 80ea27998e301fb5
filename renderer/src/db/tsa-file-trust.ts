// What a TSA register file picked for import must be signed with at this desk (shared/tsa-register
// signed-file): once the desk is joined to a hub, the district delivers the register by sync, and a
// file is taken only when that district's hub signed it, checked against the hub's signing key the
// desk received at enrollment (never a key the file itself names).
import type { TsaTrust } from '../../../shared/tsa-register';
import type { DeskDatabase } from './database';
import { loadHubLink } from './sync-commands';

/** The district and key a file must be signed by, or null on a desk not joined to a hub. */
export async function tsaFileTrust(db: DeskDatabase): Promise<TsaTrust | null> {
  const link = await loadHubLink(db);
  if (link === null) return null;
  return { districtId: link.districtId, hubSigningKey: link.hubFileKeys.signing };
}
