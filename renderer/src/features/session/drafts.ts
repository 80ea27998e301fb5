import { useEffect, useSyncExternalStore } from 'react';

// Unsaved work on a shared laptop. A quick user switch unmounts the desk (log-out.ts); a screen that
// holds unsaved work keeps it here, under its user's id, and takes it back when the same person
// logs in again: nobody else ever sees it. It lives in memory only (never in IndexedDB: a
// half-typed application has no consent yet and is no record), so it is gone when the desk closes.
// What must stay true: a draft is returned only to the user id that kept it, and only once.

const drafts = new Map<string, Map<string, unknown>>();

/** Keeps a user's draft under `key` (one per screen), replacing an earlier one. */
export function keepDraft(userId: string, key: string, draft: unknown): void {
  let mine = drafts.get(userId);
  if (!mine) drafts.set(userId, (mine = new Map()));
  mine.set(key, draft);
}

/** The user's draft under `key`, removed from the keep; undefined when there is none. */
export function takeDraft<T>(userId: string, key: string): T | undefined {
  const mine = drafts.get(userId);
  const draft = mine?.get(key) as T | undefined;
  mine?.delete(key);
  return draft;
}

// ---- what is unsaved now, for the warning before a switch --------------------------------------

/** Screen key → message key naming the unsaved work ('intake:draft.what'). */
const unsaved = new Map<string, string>();
const listeners = new Set<() => void>();
let snapshot: readonly string[] = [];

function changed(): void {
  snapshot = [...unsaved.values()];
  for (const listener of listeners) listener();
}

/** While mounted and `dirty`, the screen's work counts as unsaved (`what`: its message key). */
export function useUnsavedWork(key: string, what: string, dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    unsaved.set(key, what);
    changed();
    return () => {
      unsaved.delete(key);
      changed();
    };
  }, [key, what, dirty]);
}

/** Message keys of the work that would be left unsaved by a switch now. */
export function unsavedWorkNow(): readonly string[] {
  return snapshot;
}

export function useUnsavedWorkList(): readonly string[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}
