import { readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { languageSchema, type HubLink, type Language } from '../../shared/ipc';

/**
 * The little the shell itself remembers between runs (the menu language before the renderer has
 * loaded). Case data never lives here: it is in the renderer's IndexedDB.
 */
const shellSettingsSchema = z.object({
  language: languageSchema.default('kk'),
  hubUrl: z.string().url().default('http://127.0.0.1:8470'),
  /** The pin of the hub's TLS key received at enrollment ('' before joining, or on loopback). */
  hubKeyPin: z.string().default(''),
});
export type ShellSettings = z.infer<typeof shellSettingsSchema>;

const FILE = 'shell-settings.json';

export async function loadShellSettings(dir: string): Promise<ShellSettings> {
  try {
    const raw: unknown = JSON.parse(await readFile(join(dir, FILE), 'utf8'));
    const parsed = shellSettingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
  } catch {
    // A missing or damaged file means first start: fall through to defaults.
  }
  return shellSettingsSchema.parse({});
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export async function saveShellSettings(dir: string, settings: ShellSettings): Promise<void> {
  const target = join(dir, FILE);
  const temp = `${target}.tmp`;
  await writeFile(temp, JSON.stringify(settings, null, 2), 'utf8');
  await rename(temp, target);
}

export function withLanguage(settings: ShellSettings, language: Language): ShellSettings {
  return { ...settings, language };
}

export function withHubLink(settings: ShellSettings, link: HubLink): ShellSettings {
  return { ...settings, hubUrl: link.hubUrl, hubKeyPin: link.hubKeyPin };
}
