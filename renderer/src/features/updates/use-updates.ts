import { useSyncExternalStore } from 'react';
import { useDesk } from '../../app/desk-context';
import { updateCheckerFor, type UpdateChecker, type UpdateState } from '../../sync/update-checker';

/** The desk's one update checker (the one the sync hook asks) and its state, live. */
export function useUpdates(): { checker: UpdateChecker; state: UpdateState } {
  const { platform } = useDesk();
  const checker = updateCheckerFor(platform);
  const state = useSyncExternalStore(checker.subscribe, checker.getState);
  return { checker, state };
}
