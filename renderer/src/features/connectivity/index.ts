export {
  connectivitySlice,
  connectionBadge,
  hubInfoSchema,
  type HubInfo,
  type ConnectivityState,
} from './connectivity-slice';
export { useConnectivityMonitor } from './use-connectivity-monitor';
export { ConnectionBadge } from './connection-badge';
