import type { z } from 'zod';
import type { DeskDatabase } from './database';

/**
 * Typed access to the settings table: a value is validated with its schema on the way out, so a
 * damaged or outdated row falls back to the default instead of breaking the desk.
 */
export function createSettingsRepository(db: DeskDatabase) {
  return {
    async get<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
      const row = await db.settings.get(key);
      if (!row) return fallback;
      const parsed = schema.safeParse(row.value);
      return parsed.success ? parsed.data : fallback;
    },
    async set(key: string, value: unknown): Promise<void> {
      await db.settings.put({ key, value });
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
