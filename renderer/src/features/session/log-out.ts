import { useCallback } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { userLoggedOut } from './session-slice';

/**
 * Ends the session and forgets where the previous user was: the next person starts at the desk's
 * first screen, not on a case the previous user had open. The desk unmounts, and its unsaved state
 * with it.
 */
export function useLogOut(): () => void {
  const dispatch = useAppDispatch();
  return useCallback(() => {
    // The desk unmounts first, so no screen can hold the navigation back (an unsaved-form prompt).
    dispatch(userLoggedOut());
    if (window.location.hash !== '' && window.location.hash !== '#/') window.location.hash = '#/';
  }, [dispatch]);
}
