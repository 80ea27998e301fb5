import {
  officeProfileSchema,
  upgradeOfficeProfile,
  type OfficeProfile,
} from '../../../shared/office';
import type { DeskDatabase } from './database';

const OFFICE_SETTING = 'office';

/** The office this desk serves, or null before the setup wizard has run. */
export async function loadOfficeProfile(db: DeskDatabase): Promise<OfficeProfile | null> {
  const row = await db.settings.get(OFFICE_SETTING);
  if (!row) return null;
  const parsed = officeProfileSchema.safeParse(upgradeOfficeProfile(row.value));
  return parsed.success ? parsed.data : null;
}

export async function saveOfficeProfile(db: DeskDatabase, profile: OfficeProfile): Promise<void> {
  await db.settings.put({ key: OFFICE_SETTING, value: officeProfileSchema.parse(profile) });
}
