export { DeskDatabase, type SettingRow } from './database';
export { createSettingsRepository, type SettingsRepository } from './settings-repository';
