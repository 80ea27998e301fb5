export {
  sessionSlice,
  userLoggedIn,
  userLoggedOut,
  deskLocked,
  deskUnlocked,
  type SessionState,
  type SessionUser,
} from './session-slice';
export { useActContext, actContextFor } from './use-act-context';
