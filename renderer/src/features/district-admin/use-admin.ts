// The screen's hooks around admin-client: the context of a call (the hub link read when the call is
// made, the network as the desk sees it, the logged-in person) and the registry read on demand.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryReply } from '../../../../shared/sync';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { loadHubLink } from '../../db';
import {
  failureMessage,
  readRegistry,
  type AdminContext,
  type AdminFailure,
  type AdminResult,
} from './admin-client';

/** Makes the context of one call; the hub link is read anew each time (a desk may join meanwhile). */
export function useAdminContext(): () => Promise<AdminContext> {
  const { db } = useDesk();
  const online = useAppSelector((s) => s.connectivity.network === 'online');
  const actorUserId = useAppSelector((s) => s.session.user?.id ?? '');
  return useCallback(async () => {
    const link = await loadHubLink(db);
    return {
      link: link && { url: link.url, credential: link.credential },
      online,
      actorUserId,
      doFetch: (input, init) => fetch(input, init),
    };
  }, [db, online, actorUserId]);
}

export interface RegistryState {
  /** The latest answer (kept while a new one is asked for); null before the first. */
  readonly result: AdminResult<RegistryReply> | null;
  /** The answer shown is not the latest asked for. */
  readonly loading: boolean;
  readonly refresh: () => void;
}

/** The registry, read when the screen opens, on Refresh, after a change, and when the network changes. */
export function useRegistry(context: () => Promise<AdminContext>): RegistryState {
  const [asked, setAsked] = useState(0);
  const [answer, setAnswer] = useState<{
    asked: number;
    result: AdminResult<RegistryReply>;
  } | null>(null);
  useEffect(() => {
    let current = true;
    void (async () => {
      const result = await readRegistry(await context());
      if (current) setAnswer({ asked, result });
    })();
    return () => {
      current = false;
    };
  }, [context, asked]);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { result: answer?.result ?? null, loading: answer?.asked !== asked, refresh };
}

/** A failure in the reader's words: the hub's own code where the desk has words for it. */
export function useFailureText(): (failure: AdminFailure) => string {
  const { t, i18n } = useTranslation('districtAdmin');
  return useCallback(
    (failure: AdminFailure) => {
      const message = failureMessage(failure, (key) => i18n.exists(key));
      return t(message.key, { code: message.code ?? '' });
    },
    [t, i18n],
  );
}
