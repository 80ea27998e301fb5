import { useEffect, useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { canAppend, payloadSchemas, type CaseState } from '../../../../shared/case';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { activeSpecialists, appendEvent, loadCase, useLive } from '../../db';
import { actingAs, useActContext } from '../session';
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
 * among the active specialists and the text, saved as ResolutionImposed. A case that already carries a
 * resolution may get a new one while the transition table allows it; the newest is in force.
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

  const suggestions = useMemo(
    () =>
      (state?.serviceId === CERTIFICATE_SERVICE
        ? CERTIFICATE_SUGGESTIONS
        : GENERAL_SUGGESTIONS
      ).map((key) => t(`akim:resolution.suggestions.${key}`)),
    [state?.serviceId, t],
  );

  const {
    register,
    handleSubmit,
    setValue,
    reset,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ResolutionValues>({ defaultValues: { executorUserId: '', text: '' } });

  // Fill the form once the case and the specialists are known, unless the akim already typed.
  const current = state?.resolution ?? null;
  const onlySpecialist = specialists?.length === 1 ? (specialists[0]?.id ?? '') : '';
  useEffect(() => {
    if (isDirty || state === undefined || specialists === undefined) return;
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

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setSaved(null);
    const payload = { executorUserId: values.executorUserId, text: values.text.trim() };
    const parsed = payloadSchemas.ResolutionImposed.safeParse(payload);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'executorUserId' || field === 'text') {
          setError(field, { message: issue.message });
        }
      }
      return;
    }
    if (!specialists.some((s) => s.id === payload.executorUserId)) {
      setError('executorUserId', { message: 'akim:resolution.executorRequired' });
      return;
    }
    const result = await appendEvent(
      db,
      { caseId, type: 'ResolutionImposed', payload: parsed.data },
      act(),
    );
    if (!result.ok) {
      setFailure(result.reason);
      return;
    }
    reset(payload);
    setSaved(t('akim:resolution.saved', { name: nameOf(payload.executorUserId) }));
    onImposed?.(result.state);
  });

  return (
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
                validate: (v) => v.trim() !== '' || 'case:validation.required',
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
                onClick={() => setValue('text', text, { shouldDirty: true, shouldValidate: true })}
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
  );
}
