import { useEffect, useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { canAppend, type CaseState } from '../../../../shared/case';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import {
  activeSpecialists,
  attemptWrite,
  checkResolution,
  imposeResolution,
  isPinRefusal,
  loadCase,
  useLive,
  type ImposeResolutionResult,
  type PinRefusal,
  type ResolutionDraft,
  type WriteFailure,
} from '../../db';
import {
  actingAs,
  ModalDialog,
  PinInput,
  PinMessage,
  useActContext,
  useDraftForm,
  usePinFeedback,
} from '../session';
import './akim.css';

export interface ResolutionFormProps {
  caseId: string;
  /** Called after the resolution is saved, with the case as it is now. */
  onImposed?: (state: CaseState) => void;
  /** Shows a cancel button when given. */
  onCancel?: () => void;
}

interface ResolutionValues {
  executorUserId: string;
  text: string;
}

/** Typical resolutions; the akim picks one and edits it. Keys of akim:resolution.suggestions. */
const GENERAL_SUGGESTIONS = ['consider', 'law', 'commission', 'district'] as const;
const CERTIFICATE_SUGGESTIONS = ['certificate', 'consider'] as const;
const CERTIFICATE_SERVICE = 'asp-recipient-certificate';

/**
 * The akim's resolution on a case (seed 001 №14 "резолюция акима", 000:46 "бұрыштама"): the executor
 * among the active specialists and the text, confirmed with the akim's PIN and saved as
 * ResolutionImposed (imposeResolution). A case that already carries a resolution may get a new one
 * while the transition table allows it; the newest is in force. A wrong PIN, a refusal or a failed
 * write saves nothing and keeps what the akim typed.
 */
export function ResolutionForm({ caseId, onImposed, onCancel }: ResolutionFormProps) {
  const { t } = useTranslation(['akim', 'case']);
  const { db, office } = useDesk();
  const user = useAppSelector((s) => s.session.user);
  const act = useActContext();
  const state = useLive(() => loadCase(db, caseId), [db, caseId]);
  const specialists = useLive(() => activeSpecialists(db), [db]);
  const executorId = useId();
  const textId = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  /** The checked draft waiting for the akim's PIN; null while the dialog is closed. */
  const [confirming, setConfirming] = useState<ResolutionDraft | null>(null);

  const suggestions = useMemo(
    () =>
      (state?.serviceId === CERTIFICATE_SERVICE
        ? CERTIFICATE_SUGGESTIONS
        : GENERAL_SUGGESTIONS
      ).map((key) => t(`akim:resolution.suggestions.${key}`)),
    [state?.serviceId, t],
  );

  // Kept over a quick user switch where its host gives a draft scope (the case page's actions).
  const {
    register,
    handleSubmit,
    setValue,
    reset,
    setError,
    kept,
    formState: { errors, isSubmitting, isDirty },
  } = useDraftForm<ResolutionValues>({
    // As every form of the desk (case-page form-kit WHEN_TO_VALIDATE, the intake): errors after the
    // akim leaves a field or submits, then as they type, so a fixed field's error goes at once.
    mode: 'onTouched',
    reValidateMode: 'onChange',
    defaultValues: { executorUserId: '', text: '' },
  });

  // Fill the form once the case and the specialists are known, unless the akim already typed.
  const current = state?.resolution ?? null;
  const onlySpecialist = specialists?.length === 1 ? (specialists[0]?.id ?? '') : '';
  useEffect(() => {
    if (isDirty || kept.restored || state === undefined || specialists === undefined) return;
    reset({
      executorUserId: current?.executorUserId ?? onlySpecialist,
      text: current?.text ?? suggestions[0] ?? '',
    });
    // The suggestions change with the language; the form keeps what was filled in first.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state === undefined, specialists === undefined, current, onlySpecialist]);

  if (state === undefined || specialists === undefined) {
    return <p className="akim-muted">{t('akim:loading')}</p>;
  }
  if (!user || !act || !office)
    return <p className="akim-error">{t('akim:resolution.loginRequired')}</p>;

  const check = canAppend(state, 'ResolutionImposed', actingAs(user.role, office), {
    context: null,
  });
  const nameOf = (id: string) => specialists.find((s) => s.id === id)?.name ?? id;

  // The form is checked first; the PIN is asked only for a resolution the store would take.
  const submit = handleSubmit((values) => {
    setFailure(null);
    setSaved(null);
    const checked = checkResolution(values);
    if (!checked.ok) {
      setError(checked.field, { message: checked.reason });
      return;
    }
    if (!specialists.some((s) => s.id === checked.payload.executorUserId)) {
      setError('executorUserId', { message: 'akim:resolution.executorRequired' });
      return;
    }
    setConfirming(checked.payload);
  });

  /** Saves with the PIN typed; a PIN refusal is returned to the dialog, which stays open. */
  const confirm = async (draft: ResolutionDraft, pin: string): Promise<PinRefusal | null> => {
    const result: ImposeResolutionResult | WriteFailure = await attemptWrite(() =>
      imposeResolution(db, caseId, draft, pin, act()),
    );
    if (!result.ok && isPinRefusal(result)) return result;
    setConfirming(null);
    if (!result.ok) {
      const field = 'field' in result ? result.field : undefined;
      if (field === 'executorUserId' || field === 'text') {
        setError(field, { message: result.reason });
      } else setFailure(result.reason);
      return null;
    }
    reset(draft);
    setSaved(t('akim:resolution.saved', { name: nameOf(draft.executorUserId) }));
    onImposed?.(result.state);
    return null;
  };

  return (
    <>
      <form className="akim-resolution" onSubmit={(event) => void submit(event)} noValidate>
        {current && (
          <p className="akim-resolution-current">
            <strong>{t('akim:resolution.current')}:</strong> «{current.text}» —{' '}
            {t('akim:resolution.currentBy', { name: nameOf(current.executorUserId) })}
          </p>
        )}
        {!check.ok ? (
          <p className="akim-error" role="alert">
            {t('akim:resolution.notAllowed', { reason: t(check.reason) })}
          </p>
        ) : specialists.length === 0 ? (
          <p className="akim-error" role="alert">
            {t('akim:resolution.noSpecialists')}
          </p>
        ) : (
          <>
            <div className="akim-field">
              <label htmlFor={executorId}>{t('akim:resolution.executor')}</label>
              <select
                id={executorId}
                aria-invalid={errors.executorUserId ? true : undefined}
                {...register('executorUserId', {
                  required: 'akim:resolution.executorRequired',
                })}
              >
                <option value="">{t('akim:resolution.chooseExecutor')}</option>
                {specialists.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              {errors.executorUserId?.message && (
                <span className="akim-error" role="alert">
                  {t(errors.executorUserId.message)}
                </span>
              )}
            </div>
            <div className="akim-field">
              <label htmlFor={textId}>{t('akim:resolution.text')}</label>
              <textarea
                id={textId}
                rows={3}
                aria-invalid={errors.text ? true : undefined}
                {...register('text', {
                  // The text as the store checks it (checkResolution: the event's schema).
                  validate: (v) => {
                    if (v.trim() === '') return 'case:validation.required';
                    const checked = checkResolution({ executorUserId: 'executor', text: v });
                    return checked.ok || checked.field !== 'text' || checked.reason;
                  },
                })}
              />
              {errors.text?.message && (
                <span className="akim-error" role="alert">
                  {t(errors.text.message)}
                </span>
              )}
            </div>
            <div
              className="akim-suggestions"
              role="group"
              aria-label={t('akim:resolution.suggestions.label')}
            >
              <span className="akim-muted">{t('akim:resolution.suggestions.label')}:</span>
              {suggestions.map((text) => (
                <button
                  key={text}
                  type="button"
                  className="akim-chip"
                  onClick={() =>
                    setValue('text', text, { shouldDirty: true, shouldValidate: true })
                  }
                >
                  {text}
                </button>
              ))}
            </div>
            {failure && (
              <p className="akim-error" role="alert">
                {t(failure)}
              </p>
            )}
            <div className="akim-form-actions">
              <button
                type="submit"
                className="akim-button akim-button--primary"
                disabled={isSubmitting}
              >
                {isSubmitting
                  ? t('akim:resolution.saving')
                  : current
                    ? t('akim:resolution.change')
                    : t('akim:resolution.submit')}
              </button>
              {onCancel && (
                <button type="button" className="akim-button" onClick={onCancel}>
                  {t('akim:resolution.cancel')}
                </button>
              )}
            </div>
          </>
        )}
        {saved && (
          <p className="akim-success" role="status">
            {saved}
          </p>
        )}
      </form>
      {/* Outside the resolution's form: a form may not hold another. */}
      {confirming && (
        <ResolutionPinDialog
          executor={nameOf(confirming.executorUserId)}
          text={confirming.text}
          onConfirm={(pin) => confirm(confirming, pin)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </>
  );
}

/**
 * Asks the akim's PIN for the resolution shown. A wrong PIN is said here, with the tries left before
 * a pause, and nothing is saved; the akim may try again or cancel.
 */
function ResolutionPinDialog({
  executor,
  text,
  onConfirm,
  onCancel,
}: {
  executor: string;
  text: string;
  onConfirm: (pin: string) => Promise<PinRefusal | null>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('akim');
  const pinId = useId();
  const messageId = useId();
  const feedback = usePinFeedback();
  const { register, handleSubmit, setFocus, resetField, formState } = useForm<{ pin: string }>({
    defaultValues: { pin: '' },
  });
  const [required, setRequired] = useState(false);
  const submit = handleSubmit(async ({ pin }) => {
    setRequired(pin === '');
    if (pin === '') return;
    feedback.show(null);
    const refusal = await onConfirm(pin);
    if (!refusal) return;
    feedback.show(refusal);
    resetField('pin');
    setFocus('pin');
  });
  const lines = required
    ? [t('resolution.confirm.pinRequired')]
    : feedback.lines.length > 0
      ? [...feedback.lines, t('resolution.confirm.notSaved')]
      : [];
  return (
    <ModalDialog
      title={t('resolution.confirm.title')}
      onDismiss={formState.isSubmitting ? undefined : onCancel}
      className="akim-pin-dialog"
    >
      <dl className="akim-dialog-facts">
        <dt>{t('resolution.executor')}</dt>
        <dd>{executor}</dd>
        <dt>{t('resolution.text')}</dt>
        <dd>«{text}»</dd>
      </dl>
      <p className="akim-dialog-hint">{t('resolution.confirm.hint')}</p>
      <form className="session-pin-form" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={pinId}>{t('resolution.confirm.pin')}</label>
        <PinInput
          id={pinId}
          data-autofocus
          aria-invalid={lines.length > 0 ? true : undefined}
          aria-describedby={messageId}
          {...register('pin')}
        />
        <PinMessage lines={lines} id={messageId} />
        <div className="akim-dialog-actions">
          <button
            type="submit"
            className="akim-button akim-button--primary"
            disabled={formState.isSubmitting || feedback.waiting}
          >
            {formState.isSubmitting
              ? t('resolution.confirm.checking')
              : t('resolution.confirm.submit')}
          </button>
          <button
            type="button"
            className="akim-button"
            onClick={onCancel}
            disabled={formState.isSubmitting}
          >
            {t('resolution.confirm.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
