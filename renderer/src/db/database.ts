import { Dexie, type EntityTable } from 'dexie';

/** One row per setting; values are small JSON values (language, office profile, …). */
export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * The desk's local database. Every schema change is a new `version(n)` block appended below, never an
 * edit of an old one: desks in villages upgrade from whatever version they last ran.
 */
export class DeskDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = 'akimat-desk') {
    super(name);
    this.version(1).stores({
      settings: '&key',
    });
  }
}
