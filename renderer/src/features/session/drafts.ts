import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';
import { useForm, type FieldValues, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { useAppSelector } from '../../app/hooks';

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

/** Whether the user has a draft kept under `key` (it stays kept). */
export function hasDraft(userId: string, key: string): boolean {
  return drafts.get(userId)?.has(key) ?? false;
}

/** The user's draft under `key`, removed from the keep; undefined when there is none. */
export function takeDraft<T>(userId: string, key: string): T | undefined {
  const mine = drafts.get(userId);
  const draft = mine?.get(key) as T | undefined;
  mine?.delete(key);
  return draft;
}

// ---- what is unsaved now, for the warning before a switch --------------------------------------

/** The unsaved work's name: a message key, with its parameters when it names a case or an action. */
export type WorkName = string | { readonly key: string; readonly params: Record<string, string> };

/** Screen key → the name of the unsaved work there ('session:switch.intakeWork'). */
const unsaved = new Map<string, WorkName>();
const listeners = new Set<() => void>();
let snapshot: readonly WorkName[] = [];

function changed(): void {
  snapshot = [...unsaved.values()];
  for (const listener of listeners) listener();
}

/** While mounted and `dirty`, the screen's work counts as unsaved (`what`: its message key). */
export function useUnsavedWork(key: string, what: WorkName, dirty: boolean): void {
  // The name is compared by its words, so a host that builds it anew on each render does not churn.
  const name = JSON.stringify(what);
  useEffect(() => {
    if (!dirty) return;
    unsaved.set(key, JSON.parse(name) as WorkName);
    changed();
    return () => {
      unsaved.delete(key);
      changed();
    };
  }, [key, name, dirty]);
}

/** The names of the work that would be left unsaved by a switch now. */
export function unsavedWorkNow(): readonly WorkName[] {
  return snapshot;
}

export function useUnsavedWorkList(): readonly WorkName[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

// ---- one mechanism for every form with unsaved work ------------------------------------------------

/**
 * Where a form's draft is kept: `key` names the form and what it is about (one per screen, or per
 * case and action: 'case:<id>:DistrictResultRecorded'), `what` is the message key the switch's warning
 * lists. `closing`, when the host closes the form itself (saved, cancelled), is set true first, so
 * the draft of a form that was closed on purpose is never kept.
 */
export interface DraftScope {
  readonly key: string;
  readonly what: WorkName;
  readonly closing?: RefObject<boolean>;
}

/** A host (the case page's actions, the akim's list) gives the forms it opens their scope. */
export const DraftScopeContext = createContext<DraftScope | null>(null);

export interface KeptDraft<T> {
  /** What this user left in this form before a switch (or before leaving it), taken back once. */
  readonly draft: T | undefined;
  /** A draft came back and was not given up yet: it counts as unsaved work even untouched. */
  readonly restored: boolean;
  /** The work was saved: nothing is kept when the form goes. */
  readonly forget: () => void;
  /** The person starts over: the restored draft no longer counts. */
  readonly dismiss: () => void;
}

export interface TakenDraft<T> {
  readonly scope: DraftScope | null;
  readonly userId: string | null;
  readonly draft: T | undefined;
  readonly restored: boolean;
  readonly dismiss: () => void;
}

/**
 * The intake's way, for every form with unsaved work, in two halves around the form's own state.
 * First: the draft this user left under the scope's key, taken once (the form starts from it).
 * Then useKeepOnLeave. What must stay true: a draft goes back only to the user who left it; a form
 * closed on purpose (forget(), or the scope's `closing`) keeps nothing; no scope: nothing is kept.
 */
export function useTakenDraft<T>(scope: DraftScope | null): TakenDraft<T> {
  const userId = useAppSelector((s) => s.session.user?.id ?? null);
  const key = scope?.key ?? null;
  const [draft] = useState(() => (userId && key ? takeDraft<T>(userId, key) : undefined));
  const [restored, setRestored] = useState(draft !== undefined);
  return { scope, userId, draft, restored, dismiss: () => setRestored(false) };
}

/**
 * The second half: while the form holds unsaved work (`dirty`, or a draft that came back) a quick user
 * switch warns and names it (scope.what); when the form goes with that work (a switch unmounts the
 * desk; leaving the screen too), `snapshot()` is kept for the user under the scope's key.
 */
export function useKeepOnLeave<T>(
  taken: TakenDraft<T>,
  dirty: boolean,
  snapshot: () => T,
): KeptDraft<T> {
  const { scope, userId, restored } = taken;
  const key = scope?.key ?? null;
  const unsavedNow = dirty || restored;
  useUnsavedWork(key ?? '', scope?.what ?? '', key !== null && unsavedNow);

  const live = useRef({ unsavedNow, snapshot, done: false });
  useEffect(() => {
    live.current.unsavedNow = unsavedNow;
    live.current.snapshot = snapshot;
  });
  const closing = scope?.closing;
  useEffect(
    () => () => {
      const { unsavedNow: unsaved, snapshot: take, done } = live.current;
      if (userId === null || key === null || done || closing?.current || !unsaved) return;
      keepDraft(userId, key, take());
    },
    [userId, key, closing],
  );
  return {
    draft: taken.draft,
    restored,
    forget: () => {
      live.current.done = true;
    },
    dismiss: taken.dismiss,
  };
}

/**
 * react-hook-form's useForm with the form's draft kept over a quick user switch (the two halves): a
 * draft that came back replaces the default values. The scope is the one given, else the host's
 * (DraftScopeContext); none: a plain useForm.
 */
export function useDraftForm<V extends FieldValues, C = unknown>(
  options: UseFormProps<V, C>,
  scope?: DraftScope | null,
  /** Fields never kept (a PIN): the draft holds them empty. */
  secrets: readonly (keyof V & string)[] = [],
): UseFormReturn<V, C> & { readonly kept: KeptDraft<V> } {
  const hostScope = useContext(DraftScopeContext);
  const taken = useTakenDraft<V>(scope === undefined ? hostScope : scope);
  const form = useForm<V, C>(
    taken.draft !== undefined
      ? { ...options, defaultValues: taken.draft as UseFormProps<V, C>['defaultValues'] }
      : options,
  );
  const kept = useKeepOnLeave(taken, form.formState.isDirty, () => {
    const values: Record<string, unknown> = { ...form.getValues() };
    for (const secret of secrets) values[secret] = '';
    return values as V;
  });
  return { ...form, kept };
}

/** A card that opens one form at a time in place (the case page's actions, the application card). */
export interface FormHost<K extends string> {
  readonly open: K | null;
  /** The open form came back with this person's kept draft (say so above it). */
  readonly restored: boolean;
  readonly show: (form: K) => void;
  /** Closes the open form on purpose (saved, cancelled): its work is not kept. */
  readonly close: () => void;
  /** The scope the open form's useDraftForm keeps its draft in (give it through DraftScopeContext). */
  readonly scope: (form: K, what: WorkName) => DraftScope;
}

/**
 * The host's half of the drafts: the first of `reopenable` forms that holds a draft of the logged-in
 * person opens at once, and a form the host closes itself keeps nothing (DraftScope.closing).
 */
export function useFormHost<K extends string>(
  keyOf: (form: K) => string,
  reopenable: readonly K[],
): FormHost<K> {
  const userId = useAppSelector((s) => s.session.user?.id ?? null);
  const [open, setOpen] = useState<K | null>(() =>
    userId === null ? null : (reopenable.find((form) => hasDraft(userId, keyOf(form))) ?? null),
  );
  const [restored, setRestored] = useState(open !== null);
  const closing = useRef(false);
  return {
    open,
    restored,
    show: (form) => {
      closing.current = false;
      setRestored(false);
      setOpen(form);
    },
    close: () => {
      closing.current = true;
      setRestored(false);
      setOpen(null);
    },
    scope: (form, what) => ({ key: keyOf(form), what, closing }),
  };
}
