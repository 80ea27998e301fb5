// Form fields of the intake form: a visible label tied to its input (e2e tests and screen readers find
// fields by it), and the field's error in the current language right under it. They read the form
// through react-hook-form's context only; no store, database or bridge.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get, useFormContext, useFormState, useWatch, type FieldPath } from 'react-hook-form';
import { INPUT_MESSAGES, fixLatinLookalikes } from '../../../../shared/input';
import type { IntakeFormValues } from './intake-model';

export type IntakePath = FieldPath<IntakeFormValues>;

/**
 * A field's error, if it is to be shown: after the person left the field or submitted the form, never
 * for a row just added (react-hook-form validates a whole list when a row is added to it).
 */
function useShownError(name: IntakePath): unknown {
  const { errors, touchedFields, isSubmitted } = useFormState<IntakeFormValues>({ name });
  if (!isSubmitted && get(touchedFields, name) !== true) return undefined;
  return get(errors, name);
}

/** The error message of a field, translated; its key may name any namespace ('case:…', 'identity:…'). */
export function FieldError({ name, id }: { name: IntakePath; id?: string }) {
  const { t } = useTranslation();
  const error = useShownError(name);
  const message = error && typeof error === 'object' && 'message' in error ? error.message : null;
  if (typeof message !== 'string' || message === '') return null;
  return (
    <p className="intake-error" id={id} role="alert">
      {t(message)}
    </p>
  );
}

function useFieldInvalid(name: IntakePath): boolean {
  return useShownError(name) !== undefined;
}

interface TextFieldProps {
  name: IntakePath;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'decimal';
  autoComplete?: string;
  className?: string;
  maxLength?: number;
  /** Runs after react-hook-form's own blur handling. */
  onBlurred?: (value: string) => void;
  /** Shown under the field's error (a fix to offer, a note). */
  after?: ReactNode;
}

export function TextField({
  name,
  label,
  hint,
  placeholder,
  inputMode,
  autoComplete = 'off',
  className,
  maxLength,
  onBlurred,
  after,
}: TextFieldProps) {
  const id = useId();
  const { register } = useFormContext<IntakeFormValues>();
  const invalid = useFieldInvalid(name);
  const field = register(name);
  return (
    <div className={`intake-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete={autoComplete}
        maxLength={maxLength}
        aria-invalid={invalid}
        aria-describedby={`${id}-error ${id}-hint`}
        {...field}
        onBlur={async (event) => {
          await field.onBlur(event);
          onBlurred?.(event.target.value);
        }}
      />
      {hint && (
        <div className="intake-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <FieldError name={name} id={`${id}-error`} />
      {after}
    </div>
  );
}

/**
 * A part of a person's name. When the name was typed with Latin letters that look Cyrillic (a
 * switched keyboard layout), the error comes with a button that writes the Cyrillic name in one click.
 */
export function NameField(props: Omit<TextFieldProps, 'after'>) {
  return <TextField {...props} after={<LatinFix name={props.name} />} />;
}

function LatinFix({ name }: { name: IntakePath }) {
  const { t } = useTranslation('inputChecks');
  const { setValue } = useFormContext<IntakeFormValues>();
  const error = useShownError(name);
  const value = useWatch<IntakeFormValues>({ name });
  const latin =
    error !== null &&
    typeof error === 'object' &&
    'message' in error &&
    error.message === INPUT_MESSAGES.nameLatin;
  if (!latin || typeof value !== 'string') return null;
  const fixed = fixLatinLookalikes(value.trim());
  return (
    <button
      type="button"
      className="intake-secondary intake-fix"
      onClick={() =>
        setValue(name, fixed, { shouldValidate: true, shouldDirty: true, shouldTouch: true })
      }
    >
      {t('name.fix', { fixed })}
    </button>
  );
}

/** A remark under a field that does not stop saving (a child past the service's age). */
export function FieldNote({ message }: { message: string | undefined }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className="intake-note" role="status">
      {t(message)}
    </p>
  );
}

/** A date typed as dd.MM.yyyy (the form every screen shows), whatever the browser's locale. */
export function DateField(props: Omit<TextFieldProps, 'placeholder' | 'inputMode'>) {
  const { t } = useTranslation('intake');
  return (
    <TextField
      {...props}
      placeholder={t('datePlaceholder')}
      inputMode="numeric"
      maxLength={10}
      className={`intake-date ${props.className ?? ''}`}
    />
  );
}

interface SelectFieldProps {
  name: IntakePath;
  label: ReactNode;
  children: ReactNode;
  className?: string;
  /** A line under the field saying what the choice is for. */
  hint?: ReactNode;
}

export function SelectField({ name, label, children, className, hint }: SelectFieldProps) {
  const id = useId();
  const { register } = useFormContext<IntakeFormValues>();
  const invalid = useFieldInvalid(name);
  const describedBy = hint ? `${id}-hint ${id}-error` : `${id}-error`;
  return (
    <div className={`intake-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={invalid} aria-describedby={describedBy} {...register(name)}>
        {children}
      </select>
      {hint && (
        <div className="intake-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <FieldError name={name} id={`${id}-error`} />
    </div>
  );
}

interface CheckboxFieldProps {
  name: IntakePath;
  label: ReactNode;
  description?: ReactNode;
  className?: string;
}

export function CheckboxField({ name, label, description, className }: CheckboxFieldProps) {
  const id = useId();
  const { register } = useFormContext<IntakeFormValues>();
  const invalid = useFieldInvalid(name);
  return (
    <div className={`intake-check ${className ?? ''}`}>
      <input
        id={id}
        type="checkbox"
        aria-invalid={invalid}
        aria-describedby={`${id}-error`}
        {...register(name)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {description && <div className="intake-hint">{description}</div>}
        <FieldError name={name} id={`${id}-error`} />
      </div>
    </div>
  );
}

/** A read-only value shown like a field (birth date and sex read from the IIN). */
export function ReadOnlyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <div className="intake-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} readOnly tabIndex={-1} />
    </div>
  );
}
