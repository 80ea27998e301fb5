import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { CaseRole } from '../../../../shared/case';

export interface SessionUser {
  id: string;
  name: string;
  role: CaseRole;
}

export interface SessionState {
  /** Who is working now; null on the login screen. */
  user: SessionUser | null;
  /** Locked after idle time: the same user unlocks with the PIN, or another user logs in. */
  locked: boolean;
}

const initialState: SessionState = { user: null, locked: false };

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    userLoggedIn(state, action: PayloadAction<SessionUser>) {
      state.user = action.payload;
      state.locked = false;
    },
    userLoggedOut(state) {
      state.user = null;
      state.locked = false;
    },
    deskLocked(state) {
      if (state.user) state.locked = true;
    },
    deskUnlocked(state) {
      state.locked = false;
    },
  },
});

export const { userLoggedIn, userLoggedOut, deskLocked, deskUnlocked } = sessionSlice.actions;
