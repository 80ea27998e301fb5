import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { z } from 'zod';

/** What the hub says about itself on /v1/info. */
export const hubInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  protocolVersion: z.number().int(),
  database: z.enum(['postgresql', 'pglite']),
});
export type HubInfo = z.infer<typeof hubInfoSchema>;

export interface ConnectivityState {
  /** The operating system's view of the network. */
  network: 'online' | 'offline';
  /** Whether the district hub answered its last health check. */
  hub: 'unknown' | 'reachable' | 'unreachable';
  hubInfo: HubInfo | null;
}

const initialState: ConnectivityState = { network: 'online', hub: 'unknown', hubInfo: null };

export const connectivitySlice = createSlice({
  name: 'connectivity',
  initialState,
  reducers: {
    networkWentOnline(state) {
      state.network = 'online';
    },
    networkWentOffline(state) {
      state.network = 'offline';
      state.hub = 'unreachable';
    },
    hubReached(state, action: PayloadAction<HubInfo>) {
      state.hub = 'reachable';
      state.hubInfo = action.payload;
    },
    hubUnreachable(state) {
      state.hub = 'unreachable';
    },
  },
});

export const { networkWentOnline, networkWentOffline, hubReached, hubUnreachable } =
  connectivitySlice.actions;

export type ConnectionBadge = 'online' | 'offline' | 'hubUnreachable' | 'checking';

export function connectionBadge(state: ConnectivityState): ConnectionBadge {
  if (state.network === 'offline') return 'offline';
  if (state.hub === 'reachable') return 'online';
  if (state.hub === 'unreachable') return 'hubUnreachable';
  return 'checking';
}
