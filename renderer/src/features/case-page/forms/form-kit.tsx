// Building blocks of the case actions' forms. Every field has a visible label tied to its input and
// shows its error (a message key of any namespace) translated under it. Validation is the shared
// event schema's: the resolver builds the payload from the form and runs payloadSchemas[type] on it,
// so the form shows every problem the desk and the hub would refuse, in the user's language.
// What must stay true: every action form saves through useEventSubmit, which makes the payload's text
// NFC (normalizeText) and turns a failed write into a message (writeFailureReason) without touching
// what was typed; a form its payloadResolver validates saves with saveParsed, which checks the
// payload once more before it is saved.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  get,
  set,
  type FieldErrors,
  type FieldValues,
  type Resolver,
  type UseFormRegisterReturn,
} from 'react-hook-form';
import {
  normalizeText,
  payloadSchemas,
  type CaseEventType,
  type PayloadOf,
} from '../../../../../shared/case';
import {
  checkDateInput,
  checkPersonName,
  fixLatinLookalikes,
  FULL_NAME_MAX,
  INPUT_MESSAGES,
  type DateLimits,
} from '../../../../../shared/input';
import { useDesk } from '../../../app/desk-context';
import {
  appendEvent,
  attemptWrite,
  type AppendResult,
  type EventDraft,
  type WriteFailure,
} from '../../../db';
import { useActContext } from '../../session';

// ---- values people type ---------------------------------------------------------------------------

// The same parsers as the intake form's: one way to type a date or an amount in the whole desk.
export { dateInputOf, parseDateInput, parseTengeToTiyn } from '../../../i18n';

/**
 * A typed date checked the desk's one way (shared/input checkDateInput): "no such date" for 31.02,
 * "in the future", "before the registration" (`limits` from caseDateLimits). Sets the field's message
 * in `errors` and returns the date, or the text as typed when it is not one (the payload schema then
 * has something to refuse).
 */
export function typedDate(
  text: string,
  field: string,
  errors: Record<string, string>,
  limits: DateLimits = {},
): string {
  const checked = checkDateInput(text, limits);
  if (!checked.ok) {
    errors[field] = checked.message;
    return text;
  }
  return checked.date ?? text;
}

/**
 * A person's name typed whole (a commission member, the one a document is handed to), checked as
 * every name the desk keeps (shared/input checkPersonName): Cyrillic, a Latin look-alike caught (the
 * form offers NameFix), a length that fits the printed line. Sets the field's message in `errors`.
 */
export function typedName(
  text: string,
  field: string,
  errors: Record<string, string>,
  max: number = FULL_NAME_MAX,
): string {
  // Typed whole, often as a surname with initials ("Ахметов Б. К."): full stops are allowed.
  const checked = checkPersonName(text, max, { initials: true });
  if (!checked.ok) errors[field] = checked.message;
  return text;
}

/**
 * When every form of the desk shows its errors: after the person leaves a field or submits, never
 * while a row is being added; after that, as they type, so a fixed field's error goes away at once.
 * Spread into useForm; show errors through shownErrors.
 */
export const WHEN_TO_VALIDATE = { mode: 'onTouched', reValidateMode: 'onChange' } as const;

/**
 * The errors to show: those of fields the person has left, or all of them once the form was
 * submitted. A row just added to a list (react-hook-form validates the whole list then) shows nothing
 * until it is touched.
 */
export function shownErrors<V extends FieldValues>(state: {
  readonly errors: FieldErrors<V>;
  readonly touchedFields: Partial<Readonly<Record<string, unknown>>>;
  readonly isSubmitted: boolean;
}): FieldErrors<V> {
  if (state.isSubmitted) return state.errors;
  return (pickTouched(state.errors, state.touchedFields) ?? {}) as FieldErrors<V>;
}

function pickTouched(errors: unknown, touched: unknown): unknown {
  if (touched === true) return errors;
  if (
    errors === null ||
    typeof errors !== 'object' ||
    touched === null ||
    typeof touched !== 'object'
  )
    return undefined;
  // A list's errors stay a list (react-hook-form reads them by index).
  const out: Record<string, unknown> = Array.isArray(errors)
    ? ([] as unknown as Record<string, unknown>)
    : {};
  let any = false;
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'ref') continue;
    const picked = pickTouched(value, (touched as Record<string, unknown>)[key]);
    if (picked !== undefined) {
      out[key] = picked;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Empty text is an absent optional value. */
export const optional = (text: string): string | undefined =>
  text.trim() === '' ? undefined : text;

// ---- validation -----------------------------------------------------------------------------------

export interface Built {
  payload: unknown;
  /** Problems found while turning typed text into values (a date that is not a date…). */
  errors?: Record<string, string>;
}

function nested(flat: Record<string, string>): FieldErrors {
  const out = {};
  for (const [path, message] of Object.entries(flat)) {
    if (get(out, path) === undefined) set(out, path, { type: 'validate', message });
  }
  return out as FieldErrors;
}

/**
 * A react-hook-form resolver that validates with the event's shared payload schema. `fieldOf` maps a
 * payload path ('decision.justification') to the form field that holds it ('justification').
 */
export function payloadResolver<V extends FieldValues>(
  type: CaseEventType,
  build: (values: V) => Built,
  fieldOf: (path: string) => string = (path) => path,
): Resolver<V> {
  return (values) => {
    const { payload, errors = {} } = build(values);
    const flat: Record<string, string> = { ...errors };
    // Checked as it will be saved: in NFC (a decomposed letter typed is not an error).
    const parsed = payloadSchemas[type].safeParse(normalizeText(payload));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOf(issue.path.join('.'));
        if (!(field in flat)) flat[field] = issue.message;
      }
    }
    if (Object.keys(flat).length === 0) return { values, errors: {} };
    return { values: {}, errors: nested(flat) as FieldErrors<V> };
  };
}

/**
 * The typed payload of values the resolver has accepted; null only if they changed in between (the
 * caller then shows a generic refusal rather than saving something unchecked).
 */
export function parsePayload<T extends CaseEventType>(
  type: T,
  payload: unknown,
): PayloadOf<T> | null {
  const parsed = payloadSchemas[type].safeParse(normalizeText(payload));
  // Sound: payloadSchemas[T] is the schema PayloadOf<T> is inferred from, and schemas never transform.
  if (!parsed.success) return null;
  const data: unknown = parsed.data;
  return data as PayloadOf<T> | null;
}

type CaseAppend = <T extends CaseEventType>(draft: EventDraft<T>) => Promise<AppendResult>;

/** Appends an event as the logged-in user; null when nobody is logged in (the forms then say so). */
function useCaseAppend(): CaseAppend | null {
  const { db } = useDesk();
  const act = useActContext();
  if (act === null) return null;
  return (draft) => appendEvent(db, draft, act());
}

/**
 * Saves one event of a form: its text made NFC, a refusal of the store as it is, and a write the
 * database refused (full disk, closed database, aborted transaction…) as a message key.
 */
export function saveCaseEvent<T extends CaseEventType>(
  append: CaseAppend,
  caseId: string,
  type: T,
  payload: PayloadOf<T>,
): Promise<AppendResult | WriteFailure> {
  return attemptWrite(() => append({ caseId, type, payload: normalizeText(payload) }));
}

/**
 * What every action form does on submit: append one event of this case as the logged-in user, then
 * either report it done or keep the form open, with what was typed, and the reason (`failure`, a
 * message key: the store's refusal or the write's failure).
 */
export function useEventSubmit(caseId: string, onDone: (type: CaseEventType) => void) {
  const append = useCaseAppend();
  const [failure, setFailure] = useState<string | null>(null);
  const save = async <T extends CaseEventType>(type: T, payload: PayloadOf<T>): Promise<void> => {
    if (!append) {
      setFailure('case:rejections.unknownActor');
      return;
    }
    setFailure(null);
    const result = await saveCaseEvent(append, caseId, type, payload);
    if (result.ok) onDone(type);
    else setFailure(result.reason);
  };
  /**
   * Saves a payload the form's payloadResolver accepted, checked again with parsePayload: what the
   * submit of a resolver-validated form does. Values changed in between are refused in words
   * (`casePage:form.invalid`), never saved unchecked.
   */
  const saveParsed = async <T extends CaseEventType>(type: T, payload: unknown): Promise<void> => {
    const parsed = parsePayload(type, payload);
    if (parsed === null) {
      setFailure('casePage:form.invalid');
      return;
    }
    await save(type, parsed);
  };
  return { failure, setFailure, save, saveParsed };
}

export type Payload<T extends CaseEventType> = PayloadOf<T>;

// ---- fields ---------------------------------------------------------------------------------------

function errorOf(errors: FieldErrors, name: string): string | null {
  const error = get(errors, name) as { message?: unknown } | undefined;
  const message = error?.message;
  return typeof message === 'string' && message !== '' ? message : null;
}

interface FieldProps {
  label: string;
  registration: UseFormRegisterReturn;
  errors: FieldErrors;
  hint?: ReactNode;
  className?: string;
}

function FieldShell({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  label: string;
  error: string | null;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={`cp-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <div className="cp-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="cp-error" id={`${id}-error`} role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

export function TextInput({
  label,
  registration,
  errors,
  hint,
  className,
  inputMode,
  placeholder,
}: FieldProps & { inputMode?: 'text' | 'numeric' | 'decimal'; placeholder?: string }) {
  const id = useId();
  const error = errorOf(errors, registration.name);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={className}>
      <input
        id={id}
        type="text"
        autoComplete="off"
        inputMode={inputMode}
        placeholder={placeholder}
        aria-invalid={error !== null}
        aria-describedby={`${id}-error ${id}-hint`}
        {...registration}
      />
    </FieldShell>
  );
}

/**
 * Under a name field whose error is a Latin look-alike: the button that writes the name in Cyrillic
 * in one click (as the intake's NameField). `onFix` writes it into the form.
 */
export function NameFix({
  errors,
  field,
  value,
  onFix,
}: {
  errors: FieldErrors;
  field: string;
  value: string | undefined;
  onFix: (fixed: string) => void;
}) {
  const { t } = useTranslation('inputChecks');
  const error: unknown = get(errors, field);
  const latin =
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    error.message === INPUT_MESSAGES.nameLatin;
  if (!latin || value === undefined) return null;
  const fixed = fixLatinLookalikes(value.trim());
  return (
    <button type="button" className="cp-secondary cp-fix" onClick={() => onFix(fixed)}>
      {t('name.fix', { fixed })}
    </button>
  );
}

export function DateInput(props: FieldProps) {
  const { t } = useTranslation('casePage');
  return (
    <TextInput
      {...props}
      className={`cp-date ${props.className ?? ''}`}
      inputMode="numeric"
      placeholder={t('form.datePlaceholder')}
    />
  );
}

export function TextArea({ label, registration, errors, hint, className }: FieldProps) {
  const id = useId();
  const error = errorOf(errors, registration.name);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={className}>
      <textarea
        id={id}
        rows={3}
        aria-invalid={error !== null}
        aria-describedby={`${id}-error ${id}-hint`}
        {...registration}
      />
    </FieldShell>
  );
}

export function Choice({
  legend,
  registration,
  errors,
  options,
}: {
  legend: string;
  registration: UseFormRegisterReturn;
  errors: FieldErrors;
  options: readonly { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const error = errorOf(errors, registration.name);
  return (
    <fieldset className="cp-choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" value={o.value} {...registration} /> {o.label}
        </label>
      ))}
      {error && (
        <p className="cp-error" role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}

export function Select({
  label,
  registration,
  errors,
  options,
  hint,
}: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const id = useId();
  const error = errorOf(errors, registration.name);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select id={id} aria-invalid={error !== null} {...registration}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

// ---- the frame of an action form ------------------------------------------------------------------

export function ActionForm({
  title,
  intro,
  submitLabel,
  onSubmit,
  onCancel,
  submitting,
  failure,
  children,
  danger,
}: {
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  submitting: boolean;
  failure: string | null;
  children: ReactNode;
  danger?: boolean;
}) {
  const { t } = useTranslation('casePage');
  return (
    <form
      className="cp-action-form"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3>{title}</h3>
      {intro && <div className="cp-intro">{intro}</div>}
      {children}
      {failure && (
        <p className="cp-error cp-failure" role="alert">
          {t(failure)}
        </p>
      )}
      <div className="cp-buttons">
        <button type="submit" className={danger ? 'cp-danger' : 'cp-primary'} disabled={submitting}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={submitting}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
