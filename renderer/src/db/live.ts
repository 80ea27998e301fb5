import { useLiveQuery } from 'dexie-react-hooks';

/**
 * Re-renders when the data a query read changes in IndexedDB (from this tab or another). Screens use
 * this instead of copying saved data into Redux.
 */
export const useLive = useLiveQuery;
