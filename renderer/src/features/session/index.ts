export {
  sessionSlice,
  userLoggedIn,
  userLoggedOut,
  deskLocked,
  deskUnlocked,
  type SessionState,
  type SessionUser,
} from './session-slice';
export { useActContext, actContextFor, actingAs, useActingAs } from './use-act-context';
export { signAsUser, type SignResult } from './signing';
export { LoginScreen, SessionPage } from './login-screen';
export { LockScreen } from './lock-screen';
export { SessionMenu } from './session-menu';
export { IdleLock, useIdleLock } from './idle-lock';
export { ChangePinDialog } from './change-pin-dialog';
export { ModalDialog } from './modal-dialog';
export { PinInput } from './pin-input';
export { NewPinFields, newPinProblem } from './new-pin';
export { PinMessage, usePinFeedback, type PinFeedback } from './pin-feedback';
export { useLogOut } from './log-out';
export {
  DraftScopeContext,
  hasDraft,
  keepDraft,
  takeDraft,
  useDraftForm,
  useFormHost,
  useKeepOnLeave,
  useTakenDraft,
  useUnsavedWork,
  useUnsavedWorkList,
  type DraftScope,
  type FormHost,
  type KeptDraft,
  type TakenDraft,
} from './drafts';
