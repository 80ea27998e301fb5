// The district's offices by name on every district screen (inbound queue, journal, dashboard,
// reports, SMS outbox): the one place a screen gets what officeLabel needs: the interface language,
// the desk's own profile (its office keeps its profile's names) and the district's office directory
// the sync keeps (db/office-directory). Without a directory an okrug shows by its code.
import { useCallback } from 'react';
import type { Language } from '../../../../shared/ipc';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { deskOfficeNames, useLive } from '../../db';
import { officeLabel, type OfficeNames } from './office-label';

const NO_NAMES: OfficeNames = new Map();

/** The district's offices' names the desk holds, live (none until the sync has brought them). */
export function useOfficeNames(): OfficeNames {
  const { db } = useDesk();
  return useLive(() => deskOfficeNames(db), [db]) ?? NO_NAMES;
}

/**
 * An office's label: its name in the interface language (or in `language`, for a printed
 * document in another), else its code; '—' for none.
 */
export function useOfficeLabel(): (officeId: string | null, language?: Language) => string {
  const { office } = useDesk();
  const interfaceLanguage = useAppSelector((s) => s.preferences.language);
  const names = useOfficeNames();
  return useCallback(
    (officeId: string | null, language: Language = interfaceLanguage) =>
      officeLabel(officeId, language, office, names),
    [interfaceLanguage, office, names],
  );
}
