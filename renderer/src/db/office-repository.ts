import {
  officeProfileSchema,
  upgradeOfficeProfile,
  type OfficeProfile,
} from '../../../shared/office';
import type { DeskDatabase } from './database';

export const OFFICE_SETTING = 'office';

/** The stored setting as an office profile (upgraded from an older desk), or null. */
export function officeProfileOf(value: unknown): OfficeProfile | null {
  if (value === undefined) return null;
  const parsed = officeProfileSchema.safeParse(upgradeOfficeProfile(value));
  return parsed.success ? parsed.data : null;
}

/** The office this desk serves, or null before the setup wizard has run. */
export async function loadOfficeProfile(db: DeskDatabase): Promise<OfficeProfile | null> {
  return officeProfileOf((await db.settings.get(OFFICE_SETTING))?.value);
}

export async function saveOfficeProfile(db: DeskDatabase, profile: OfficeProfile): Promise<void> {
  await db.settings.put({ key: OFFICE_SETTING, value: officeProfileSchema.parse(profile) });
}
