import { createContext, useContext, type ReactNode } from 'react';
import type { AkimatBridge, AppInfo } from '../../../shared/ipc';
import type { DeskDatabase } from '../db';

/** Long-lived services the screens need, created once at start. */
export interface DeskServices {
  db: DeskDatabase;
  platform: AkimatBridge;
  appInfo: AppInfo;
}

const DeskContext = createContext<DeskServices | null>(null);

export function DeskProvider({
  services,
  children,
}: {
  services: DeskServices;
  children: ReactNode;
}) {
  return <DeskContext.Provider value={services}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskServices {
  const services = useContext(DeskContext);
  if (!services) throw new Error('useDesk outside DeskProvider');
  return services;
}
