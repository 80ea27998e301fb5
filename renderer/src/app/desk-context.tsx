import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { WorkingCalendar } from '../../../shared/calendar';
import type { AkimatBridge, AppInfo } from '../../../shared/ipc';
import type { OfficeProfile } from '../../../shared/office';
import { deskCalendar, useLive, type DeskDatabase } from '../db';
import type { DeskClock } from '../platform';
import type { SyncEngine } from '../sync/engine';

/** Long-lived services the screens need, created once at start. */
export interface DeskServices {
  db: DeskDatabase;
  platform: AkimatBridge;
  appInfo: AppInfo;
  clock: DeskClock;
  /**
   * The working-day calendar the desk counts with (db deskCalendar): the one every screen uses, so a
   * due date and a status are the same everywhere; follows an installed correction at once.
   */
  calendar: WorkingCalendar;
  /** The office this desk serves; null until the setup wizard has saved it. */
  office: OfficeProfile | null;
  /** Syncs with the district hub once the desk has joined one (renderer/src/sync/engine.ts). */
  sync: SyncEngine;
  /** Called by the setup wizard once the profile is saved. */
  officeSaved(profile: OfficeProfile): void;
}

export type DeskStartServices = Omit<DeskServices, 'officeSaved'>;

const DeskContext = createContext<DeskServices | null>(null);

export function DeskProvider({
  services,
  children,
}: {
  services: DeskStartServices;
  children: ReactNode;
}) {
  const [office, setOffice] = useState(services.office);
  const { db } = services;
  const calendar = useLive(() => deskCalendar(db), [db]) ?? services.calendar;
  const value = useMemo(
    (): DeskServices => ({ ...services, calendar, office, officeSaved: setOffice }),
    [services, calendar, office],
  );
  return <DeskContext.Provider value={value}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskServices {
  const services = useContext(DeskContext);
  if (!services) throw new Error('useDesk outside DeskProvider');
  return services;
}
