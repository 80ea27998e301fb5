export {
  DeskDatabase,
  type SettingRow,
  type UserRow,
  type EventRow,
  type OutboxRow,
  type CaseRow,
  type PersonRow,
  type AttachmentRow,
  type RegisterRow,
  type TsaRecipientRow,
  type CounterRow,
} from './database';
export { createSettingsRepository, type SettingsRepository } from './settings-repository';
export { loadOfficeProfile, saveOfficeProfile } from './office-repository';
export {
  appendEvent,
  appendEvents,
  loadCase,
  registerApplication,
  type ActContext,
  type AppendResult,
  type EventDraft,
  type RegistrationDraft,
} from './case-store';
export { caseRowOf, personRowOf } from './case-projection';
export { useLive } from './live';
