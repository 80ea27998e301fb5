import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  useFieldArray,
  useForm,
  useWatch,
  type Path,
  type UseFormRegisterReturn,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../shared/ipc';
import {
  OFFICE_KINDS,
  officeRoles,
  type OfficeHoursProfile,
  type OfficeKind,
} from '../../../../shared/office';
import { useDesk } from '../../app/desk-context';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { completeSetup, isSignerRole, loadOfficeProfile, writeFailureReason } from '../../db';
import { languageChosen } from '../preferences';
import { emptyUserDraft, toNewUser, UserDraftFields, type UserDraft } from '../users';
import {
  initialWizardValues,
  numberExample,
  officeFromValues,
  usersForKind,
  usersProblems,
  type FieldErrors,
  type WizardValues,
} from './wizard-model';
import './setup.css';

const STEPS = ['language', 'office', 'users', 'summary'] as const;
type Step = (typeof STEPS)[number];
const HOURS_FIELDS = ['opensAt', 'lunchFrom', 'lunchTo', 'closesAt'] as const;

/** Messages of one step: by field path, and for the step as a whole. */
function checkStep(step: Step, values: WizardValues): { errors: FieldErrors; general: string[] } {
  if (step === 'office') {
    const result = officeFromValues(values);
    return { errors: result.ok ? {} : result.errors, general: [] };
  }
  if (step === 'users') return usersProblems(values.users, values.kind);
  return { errors: {}, general: [] };
}

/**
 * First start of a desk: interface language, the office profile (an okrug akim's apparatus, or a
 * district department in district mode), the first users the kind of office needs (a specialist and
 * an akim, or a district specialist and the district head), then one save of everything. Nothing is
 * written until the last step, and then all of it in one transaction, so a failure leaves the desk as
 * it was and the typed values in the form.
 */
export function SetupWizard() {
  const { t } = useTranslation();
  const { db, clock, officeSaved } = useDesk();
  const { register, control, getValues, setFocus, setValue } = useForm<WizardValues>({
    defaultValues: initialWizardValues(),
  });
  const users = useFieldArray({ control, name: 'users' });
  const [step, setStep] = useState<Step>('language');
  const [checked, setChecked] = useState<ReadonlySet<Step>>(new Set());
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const stepIndex = STEPS.indexOf(step);

  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  // Re-renders on every change, so once a step has been checked its messages follow the typing.
  const values = useWatch({ control });
  const { errors, general } = checked.has(step)
    ? checkStep(step, getValues())
    : { errors: {}, general: [] };
  const kind: OfficeKind = values.kind ?? 'akimat';

  // The first users follow the kind of office: what was typed stays, the roles move to this kind's.
  const { replace: replaceUsers } = users;
  useEffect(() => {
    const typed = getValues('users');
    const moved = usersForKind(typed, kind);
    if (moved.some((user, i) => user.role !== typed[i]?.role)) replaceUsers(moved);
  }, [kind, getValues, replaceUsers]);

  const goTo = (next: Step) => setStep(next);

  const next = () => {
    const found = checkStep(step, getValues());
    setChecked((s) => new Set(s).add(step));
    const firstField = Object.keys(found.errors)[0];
    if (firstField) setFocus(firstField as Path<WizardValues>);
    if (firstField || found.general.length > 0) return;
    const following = STEPS[stepIndex + 1];
    if (following) goTo(following);
  };

  const save = async () => {
    const all = getValues();
    const office = officeFromValues(all);
    const people = usersProblems(all.users, all.kind);
    const unfinished: Step | null = !office.ok
      ? 'office'
      : Object.keys(people.errors).length > 0 || people.general.length > 0
        ? 'users'
        : null;
    if (unfinished || !office.ok) {
      setChecked((s) => new Set(s).add(unfinished ?? 'office'));
      return goTo(unfinished ?? 'office');
    }
    setSaving(true);
    setSaveError(null);
    try {
      const result = await completeSetup(db, office.profile, all.users.map(toNewUser), {
        nowMs: clock.nowMs(),
      });
      if (result.ok) {
        officeSaved(office.profile);
        return;
      }
      setSaveError(result.reason);
    } catch (error) {
      console.error('Setup failed', error);
      const reason = writeFailureReason(error);
      setSaveError(reason === 'common:writeErrors.unknown' ? 'setup:errors.saveFailed' : reason);
    }
    setSaving(false);
  };

  const continueWithSaved = async () => {
    const saved = await loadOfficeProfile(db);
    if (saved) officeSaved(saved);
  };

  const field = (path: Path<WizardValues>) => register(path);

  return (
    <div className="setup-page">
      <header className="setup-header">
        <span className="app-name">Akimat Desk</span>
        <span className="setup-header-title">{t('setup:title')}</span>
      </header>
      <main className="setup-main">
        <ol className="setup-steps">
          {STEPS.map((s, i) => (
            <li
              key={s}
              aria-current={s === step ? 'step' : undefined}
              className={i < stepIndex ? 'setup-step-done' : undefined}
            >
              <span className="setup-step-number">{i + 1}</span>
              {t(`setup:steps.${s}`, { context: kind })}
            </li>
          ))}
        </ol>
        <form
          className="setup-card"
          aria-labelledby="setup-step-heading"
          noValidate
          onSubmit={(event) => {
            // Enter in a field goes on, as the visible default button does.
            event.preventDefault();
            if (saving) return;
            if (step === 'summary') void save();
            else next();
          }}
        >
          <p className="setup-step-of">
            {t('setup:stepOf', { current: stepIndex + 1, total: STEPS.length })}
          </p>
          <h1 id="setup-step-heading" ref={headingRef} tabIndex={-1}>
            {step === 'language'
              ? t('setup:language.heading')
              : step === 'office'
                ? t('setup:office.heading', { context: kind })
                : step === 'users'
                  ? t('setup:users.heading')
                  : t('setup:summary.heading')}
          </h1>
          {stepIndex === 0 && <p className="setup-intro">{t('setup:intro')}</p>}

          {step === 'language' && <LanguageStep />}
          {step === 'office' && (
            <OfficeStep
              kind={kind}
              field={field}
              errors={errors}
              example={numberExample(
                values.code ?? '',
                values.deviceNo ?? '',
                Number(clock.today().slice(0, 4)),
              )}
            />
          )}
          {step === 'users' && (
            <UsersStep
              kind={kind}
              count={users.fields.length}
              keys={users.fields.map((f) => f.id)}
              field={(index, key) => register(`users.${index}.${key}`)}
              roleAt={(index) => values.users?.[index]?.role ?? 'specialist'}
              nameAt={(index) => values.users?.[index]?.name ?? ''}
              onFixName={(index, fixed) =>
                setValue(`users.${index}.name`, fixed, { shouldDirty: true })
              }
              errors={errors}
              general={general}
              onAdd={() => users.append(emptyUserDraft(officeRoles(kind)[0] ?? 'admin'))}
              onRemove={(index) => users.remove(index)}
            />
          )}
          {step === 'summary' && (
            <SummaryStep
              values={getValues()}
              year={Number(clock.today().slice(0, 4))}
              onEdit={goTo}
            />
          )}

          {(Object.keys(errors).length > 0 || general.length > 0) && (
            <p className="setup-error" role="alert">
              {t('setup:fixErrors')}
            </p>
          )}
          {saving && (
            <p className="setup-saving" role="status">
              {t('setup:summary.saving')}
            </p>
          )}
          {saveError && (
            <div className="setup-error" role="alert">
              <p>{t(saveError)}</p>
              {saveError === 'setup:errors.alreadySetUp' && (
                <button
                  type="button"
                  className="setup-secondary"
                  onClick={() => void continueWithSaved()}
                >
                  {t('setup:errors.continue')}
                </button>
              )}
            </div>
          )}

          <div className="setup-nav">
            {stepIndex > 0 && (
              <button
                type="button"
                className="setup-secondary"
                disabled={saving}
                onClick={() => goTo(STEPS[stepIndex - 1] ?? 'language')}
              >
                {t('setup:back')}
              </button>
            )}
            {step === 'summary' ? (
              <button type="submit" className="setup-primary" disabled={saving}>
                {t('setup:summary.save')}
              </button>
            ) : (
              <button type="submit" className="setup-primary">
                {t('setup:next')}
              </button>
            )}
          </div>
        </form>
      </main>
    </div>
  );
}

function LanguageStep() {
  const { t } = useTranslation();
  const language = useAppSelector((s) => s.preferences.language);
  const dispatch = useAppDispatch();
  return (
    <>
      <div className="setup-languages" role="group" aria-labelledby="setup-step-heading">
        {LANGUAGES.map((lang) => (
          <button
            key={lang}
            type="button"
            lang={lang}
            aria-pressed={language === lang}
            className="setup-language"
            onClick={() => dispatch(languageChosen(lang))}
          >
            {t(`frame.languageName.${lang}`)}
          </button>
        ))}
      </div>
      <p className="setup-hint">{t('setup:language.hint')}</p>
    </>
  );
}

/** A labelled input with its hint and message; ids tie them together for screen readers. */
function TextField({
  id,
  label,
  hint,
  error,
  register,
  className,
  inputMode,
  width,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error: string | undefined;
  register: UseFormRegisterReturn;
  className?: string;
  inputMode?: 'numeric' | 'text';
  width?: 'short' | 'time';
}) {
  const { t } = useTranslation();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className ? `setup-field ${className}` : 'setup-field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        inputMode={inputMode}
        className={width ? `setup-input-${width}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...register}
      />
      {hint && (
        <p className="setup-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="setup-field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}

function OfficeStep({
  kind,
  field,
  errors,
  example,
}: {
  kind: OfficeKind;
  field: (path: Path<WizardValues>) => UseFormRegisterReturn;
  errors: FieldErrors;
  example: string | null;
}) {
  const { t } = useTranslation();
  /** A label in the words of this kind of office (i18next context: `key_district` if there is one). */
  const label = (key: string) => t(`setup:office.${key}`, { context: kind });
  const hours = (group: 'workingHours' | 'intakeHours', labels: 'working' | 'intake') => (
    <fieldset className="setup-fieldset">
      <legend>{label(group)}</legend>
      <div className="setup-hours">
        {HOURS_FIELDS.map((key: keyof OfficeHoursProfile) => (
          <TextField
            key={key}
            id={`setup-${group}-${key}`}
            label={t(`setup:office.${labels}.${key}`)}
            error={errors[`${group}.${key}`]}
            register={field(`${group}.${key}`)}
            inputMode="numeric"
            width="time"
          />
        ))}
      </div>
    </fieldset>
  );
  return (
    <div className="setup-office">
      <fieldset className="setup-fieldset" aria-describedby="setup-kind-hint">
        <legend>{t('setup:office.kind')}</legend>
        <div className="setup-kinds">
          {OFFICE_KINDS.map((k) => (
            <label key={k} className="setup-kind">
              <input type="radio" value={k} {...field('kind')} />
              {t(`setup:office.kinds.${k}`)}
            </label>
          ))}
        </div>
        <p className="setup-hint" id="setup-kind-hint">
          {t('setup:office.kindHint')}
        </p>
      </fieldset>
      <fieldset className="setup-fieldset">
        <legend>{t('setup:office.names')}</legend>
        <div className="setup-grid">
          <TextField
            id="setup-nameKk"
            label={label('nameKk')}
            error={errors['nameKk']}
            register={field('nameKk')}
            className="setup-wide"
          />
          <TextField
            id="setup-nameRu"
            label={label('nameRu')}
            hint={label('nameHint')}
            error={errors['nameRu']}
            register={field('nameRu')}
            className="setup-wide"
          />
          <TextField
            id="setup-districtKk"
            label={t('setup:office.districtKk')}
            error={errors['districtKk']}
            register={field('districtKk')}
          />
          <TextField
            id="setup-districtRu"
            label={t('setup:office.districtRu')}
            error={errors['districtRu']}
            register={field('districtRu')}
          />
          <TextField
            id="setup-address"
            label={label('address')}
            error={errors['address']}
            register={field('address')}
            className="setup-wide"
          />
        </div>
      </fieldset>
      <div className="setup-grid setup-grid-3">
        <TextField
          id="setup-code"
          label={label('code')}
          hint={label('codeHint')}
          error={errors['code']}
          register={field('code')}
          width="short"
        />
        <TextField
          id="setup-districtId"
          label={t('setup:office.districtId')}
          hint={t('setup:office.districtIdHint')}
          error={errors['districtId']}
          register={field('districtId')}
          width="short"
        />
        <TextField
          id="setup-deviceNo"
          label={t('setup:office.deviceNo')}
          hint={label('deviceNoHint')}
          error={errors['deviceNo']}
          register={field('deviceNo')}
          inputMode="numeric"
          width="short"
        />
      </div>
      {example && (
        <p className="setup-preview" role="status">
          {t('setup:office.numberPreview', { example })}
        </p>
      )}
      <p className="setup-hint setup-hours-hint">{label('hoursHint')}</p>
      {hours('workingHours', 'working')}
      {hours('intakeHours', 'intake')}
      <TextField
        id="setup-lockAfterMinutes"
        label={t('setup:office.lockAfterMinutes')}
        hint={t('setup:office.lockHint')}
        error={errors['lockAfterMinutes']}
        register={field('lockAfterMinutes')}
        inputMode="numeric"
        width="short"
      />
    </div>
  );
}

function UsersStep({
  kind,
  count,
  keys,
  field,
  roleAt,
  nameAt,
  onFixName,
  errors,
  general,
  onAdd,
  onRemove,
}: {
  kind: OfficeKind;
  count: number;
  keys: string[];
  field: (index: number, key: keyof UserDraft) => UseFormRegisterReturn;
  roleAt: (index: number) => UserDraft['role'];
  nameAt: (index: number) => string;
  onFixName: (index: number, fixed: string) => void;
  errors: FieldErrors;
  general: string[];
  onAdd: () => void;
  onRemove: (index: number) => void;
}) {
  const { t } = useTranslation();
  const errorsOf = (index: number) =>
    Object.fromEntries(
      Object.entries(errors)
        .filter(([path]) => path.startsWith(`users.${index}.`))
        .map(([path, message]) => [path.slice(`users.${index}.`.length), message]),
    );
  return (
    <div className="setup-users">
      <p className="setup-intro">{t('setup:users.intro', { context: kind })}</p>
      {keys.map((key, index) => (
        <fieldset key={key} className="setup-fieldset setup-user">
          <legend>{t('setup:users.user', { n: index + 1 })}</legend>
          <UserDraftFields
            idPrefix={`setup-user-${index}`}
            field={(k) => field(index, k)}
            errors={errorsOf(index)}
            roles={officeRoles(kind)}
            signer={isSignerRole(roleAt(index))}
            name={nameAt(index)}
            onFixName={(fixed) => onFixName(index, fixed)}
          />
          {count > 2 && (
            <button type="button" className="setup-link" onClick={() => onRemove(index)}>
              {t('setup:users.remove')}
            </button>
          )}
        </fieldset>
      ))}
      {general.map((message) => (
        <p key={message} className="setup-field-error" role="alert">
          {t(message)}
        </p>
      ))}
      <button type="button" className="setup-secondary" onClick={onAdd}>
        {t('setup:users.add')}
      </button>
    </div>
  );
}

function SummaryStep({
  values,
  year,
  onEdit,
}: {
  values: WizardValues;
  year: number;
  onEdit: (step: Step) => void;
}) {
  const { t } = useTranslation();
  const language = useAppSelector((s) => s.preferences.language);
  const office = officeFromValues(values);
  if (!office.ok) return null;
  const p = office.profile;
  const label = (key: string) => t(`setup:office.${key}`, { context: p.kind });
  const hours = (h: OfficeHoursProfile) => t('setup:summary.hours', { ...h });
  return (
    <div className="setup-summary">
      <p className="setup-intro">{t('setup:summary.intro')}</p>
      <div className="setup-summary-block">
        <div className="setup-summary-head">
          <h2>{t('setup:steps.office', { context: p.kind })}</h2>
          <button type="button" className="setup-link" onClick={() => onEdit('office')}>
            {t('setup:summary.edit')}
          </button>
        </div>
        <dl>
          <dt>{t('setup:summary.language')}</dt>
          <dd>{t(`frame.languageName.${language}`)}</dd>
          <dt>{t('setup:office.kind')}</dt>
          <dd>{t(`setup:office.kinds.${p.kind}`)}</dd>
          <dt>{label('nameKk')}</dt>
          <dd lang="kk">{p.nameKk}</dd>
          <dt>{label('nameRu')}</dt>
          <dd lang="ru">{p.nameRu}</dd>
          <dt>{t('setup:office.districtKk')}</dt>
          <dd lang="kk">{p.districtKk}</dd>
          <dt>{t('setup:office.districtRu')}</dt>
          <dd lang="ru">{p.districtRu}</dd>
          <dt>{t('setup:office.districtId')}</dt>
          <dd>{p.districtId}</dd>
          <dt>{label('address')}</dt>
          <dd>{p.address}</dd>
          <dt>{label('code')}</dt>
          <dd>{p.code}</dd>
          <dt>{t('setup:office.deviceNo')}</dt>
          <dd>{p.deviceNo}</dd>
          <dt>{t('setup:summary.numberExample')}</dt>
          <dd>{numberExample(p.code, String(p.deviceNo), year)}</dd>
          <dt>{label('workingHours')}</dt>
          <dd>{hours(p.workingHours)}</dd>
          <dt>{t('setup:office.intakeHours')}</dt>
          <dd>{hours(p.intakeHours)}</dd>
          <dt>{t('setup:summary.lockAfter')}</dt>
          <dd>{t('setup:summary.minutes', { count: p.lockAfterMinutes })}</dd>
        </dl>
      </div>
      <div className="setup-summary-block">
        <div className="setup-summary-head">
          <h2>{t('setup:steps.users')}</h2>
          <button type="button" className="setup-link" onClick={() => onEdit('users')}>
            {t('setup:summary.edit')}
          </button>
        </div>
        <ul className="setup-summary-users">
          {values.users.map((user, index) => (
            <li key={index}>
              <span className="setup-summary-name">{toNewUser(user).name}</span> —{' '}
              {t(`users:roles.${user.role}`)}
              {isSignerRole(user.role) && (
                <span className="setup-summary-key"> ({t('setup:summary.signingKey')})</span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
