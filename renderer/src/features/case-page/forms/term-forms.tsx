import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseConflict } from '../../../../../shared/case';
import { requestExtension } from '../../../../../shared/deadlines';
import { formatDate, formatDateTime } from '../../../../../shared/time';
import { useDesk } from '../../../app/desk-context';
import { deskCalendar } from '../calendar';
import { extendedDueDate, type CaseExtension } from '../case-deadlines';
import { compact, type ActionProps } from './action-props';
import {
  ActionForm,
  DateInput,
  Select,
  TextArea,
  TextInput,
  dateInputOf,
  optional,
  parseDateInput,
  parsePayload,
  payloadResolver,
  useEventSubmit,
  type Built,
} from './form-kit';

// ---- withdrawal ------------------------------------------------------------------------------------

interface WithdrawValues {
  reason: string;
  requestDate: string;
}

function buildWithdraw(v: WithdrawValues, today: string): Built {
  const requestDate = parseDateInput(v.requestDate);
  const errors: Record<string, string> = {};
  if (requestDate === null) errors['requestDate'] = 'case:validation.localDate';
  else if (requestDate > today) errors['requestDate'] = 'casePage:validation.future';
  return { payload: { reason: v.reason, requestDate: requestDate ?? v.requestDate }, errors };
}

/** The applicant's written request to withdraw the application; it closes the case. */
export function WithdrawnForm({ caseId, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const today = clock.today();
  const { failure, setFailure, save } = useEventSubmit(caseId, onDone);
  const form = useForm<WithdrawValues>({
    defaultValues: { reason: '', requestDate: dateInputOf(today) },
    resolver: payloadResolver('Withdrawn', (v: WithdrawValues) => buildWithdraw(v, today)),
  });
  const submit = form.handleSubmit(async (values) => {
    const payload = parsePayload('Withdrawn', buildWithdraw(values, today).payload);
    if (payload === null) return setFailure('casePage:form.invalid');
    await save('Withdrawn', payload);
  });
  return (
    <ActionForm
      title={t('actions.Withdrawn')}
      intro={<p>{t('withdraw.intro')}</p>}
      submitLabel={t('withdraw.submit')}
      danger
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <DateInput
        label={t('withdraw.requestDate')}
        registration={form.register('requestDate')}
        errors={form.formState.errors}
      />
      <TextArea
        label={t('withdraw.reason')}
        registration={form.register('reason')}
        errors={form.formState.errors}
      />
    </ActionForm>
  );
}

// ---- suspending and resuming the term ------------------------------------------------------------

export function TermSuspendedForm({ caseId, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { failure, save } = useEventSubmit(caseId, onDone);
  const build = (v: { reason: string }): Built => ({ payload: { reason: v.reason } });
  const form = useForm<{ reason: string }>({
    defaultValues: { reason: '' },
    resolver: payloadResolver('TermSuspended', build),
  });
  const submit = form.handleSubmit(async (values) => {
    await save('TermSuspended', { reason: values.reason });
  });
  return (
    <ActionForm
      title={t('actions.TermSuspended')}
      intro={<p>{t('suspend.intro')}</p>}
      submitLabel={t('suspend.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <TextArea
        label={t('suspend.reason')}
        registration={form.register('reason')}
        errors={form.formState.errors}
      />
    </ActionForm>
  );
}

export function TermResumedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { failure, save } = useEventSubmit(caseId, onDone);
  const build = (v: { note: string }): Built => ({ payload: compact({ note: optional(v.note) }) });
  const form = useForm<{ note: string }>({
    defaultValues: { note: '' },
    resolver: payloadResolver('TermResumed', build),
  });
  const open = state.suspensions.find((s) => s.to === null);
  const submit = form.handleSubmit(async (values) => {
    await save('TermResumed', compact({ note: optional(values.note) }));
  });
  return (
    <ActionForm
      title={t('actions.TermResumed')}
      intro={
        open && <p>{t('resume.since', { at: formatDateTime(open.from), reason: open.reason })}</p>
      }
      submitLabel={t('resume.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <TextArea
        label={t('resume.note')}
        registration={form.register('note')}
        errors={form.formState.errors}
      />
    </ActionForm>
  );
}

// ---- the 8 → 20 working-day extension (R-ROUTE-4) -------------------------------------------------

export function TermExtendedForm({
  caseId,
  state,
  extension,
  onDone,
  onCancel,
}: ActionProps & { extension: CaseExtension }) {
  const { t } = useTranslation('casePage');
  const { failure, save } = useEventSubmit(caseId, onDone);
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const reason = useWatch({ control: form.control, name: 'reason' });
  const newDue =
    state.dueDate !== null ? extendedDueDate(state.dueDate, extension.rule, deskCalendar) : null;
  const submit = form.handleSubmit(async (values) => {
    if (newDue === null) return;
    const request = requestExtension(extension.rule, values.reason);
    if (!request.ok) {
      form.setError('reason', { type: 'validate', message: request.messageKey });
      return;
    }
    await save('TermExtended', { reason: request.reason, term: request.term, newDueDate: newDue });
  });
  return (
    <ActionForm
      title={t('actions.TermExtended')}
      intro={
        <p>
          {t('extend.intro', {
            standard: extension.rule.standard.amount,
            extended: extension.rule.extended.amount,
          })}{' '}
          {state.dueDate && newDue && reason !== ''
            ? t('extend.newDue', { from: formatDate(state.dueDate), to: formatDate(newDue) })
            : null}
        </p>
      }
      submitLabel={t('extend.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <Select
        label={t('extend.reason')}
        registration={form.register('reason')}
        errors={form.formState.errors}
        options={[
          { value: '', label: t('extend.choose') },
          ...extension.rule.reasons.map((r) => ({
            value: r,
            label: t(`case:extensionReasons.${r}`),
          })),
        ]}
      />
    </ActionForm>
  );
}

// ---- conflicts and the result coming back --------------------------------------------------------

export function ConflictAcknowledgedForm({
  caseId,
  conflict,
  onDone,
  onCancel,
}: ActionProps & { conflict: CaseConflict }) {
  const { t } = useTranslation('casePage');
  const { failure, save } = useEventSubmit(caseId, onDone);
  const build = (v: { note: string }): Built => ({
    payload: { eventId: conflict.event.id, note: v.note },
  });
  const form = useForm<{ note: string }>({
    defaultValues: { note: '' },
    resolver: payloadResolver('ConflictAcknowledged', build),
  });
  const submit = form.handleSubmit(async (values) => {
    await save('ConflictAcknowledged', { eventId: conflict.event.id, note: values.note });
  });
  return (
    <ActionForm
      title={t('conflict.title', {
        event: t(`case:events.${conflict.event.type}`),
        at: formatDateTime(conflict.event.legalTime),
      })}
      intro={<p>{t(conflict.reason)}</p>}
      submitLabel={t('conflict.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <TextArea
        label={t('conflict.note')}
        registration={form.register('note')}
        errors={form.formState.errors}
        hint={t('conflict.noteHint')}
      />
    </ActionForm>
  );
}

export function ReturnedToAkimatForm({ caseId, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { failure, save } = useEventSubmit(caseId, onDone);
  const build = (v: { outgoingNumber: string }): Built => ({
    payload: compact({ outgoingNumber: optional(v.outgoingNumber) }),
  });
  const form = useForm<{ outgoingNumber: string }>({
    defaultValues: { outgoingNumber: '' },
    resolver: payloadResolver('ReturnedToAkimat', build),
  });
  const submit = form.handleSubmit(async (values) => {
    await save('ReturnedToAkimat', compact({ outgoingNumber: optional(values.outgoingNumber) }));
  });
  return (
    <ActionForm
      title={t('actions.ReturnedToAkimat')}
      submitLabel={t('returned.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <TextInput
        label={t('returned.outgoingNumber')}
        registration={form.register('outgoingNumber')}
        errors={form.formState.errors}
      />
    </ActionForm>
  );
}
