import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseConflict } from '../../../../../shared/case';
import { localized } from '../../../../../shared/catalog';
import { requestExtension } from '../../../../../shared/deadlines';
import type { ReplanProposal } from '../../../../../shared/intake';
import { caseDateLimits, type DateLimits } from '../../../../../shared/input';
import {
  caseSchedule,
  caseService,
  extendedDueDate,
  type CaseExtension,
} from '../../../../../shared/schedule';
import { formatDate, formatDateTime } from '../../../../../shared/time';
import { useDesk } from '../../../app/desk-context';
import { useAppSelector } from '../../../app/hooks';
import { compact, type ActionProps } from './action-props';
import {
  ActionForm,
  DateInput,
  Select,
  TextArea,
  TextInput,
  WHEN_TO_VALIDATE,
  dateInputOf,
  optional,
  payloadResolver,
  shownErrors,
  typedDate,
  useEventSubmit,
  type Built,
} from './form-kit';
import { useDraftForm } from '../../session';

// ---- withdrawal ------------------------------------------------------------------------------------

interface WithdrawValues {
  reason: string;
  requestDate: string;
}

/** The request is dated within the case: not before its receipt or registration, not in the future. */
function buildWithdraw(v: WithdrawValues, limits: DateLimits): Built {
  const errors: Record<string, string> = {};
  const requestDate = typedDate(v.requestDate, 'requestDate', errors, limits);
  return { payload: { reason: v.reason, requestDate }, errors };
}

/** The applicant's written request to withdraw the application; it closes the case. */
export function WithdrawnForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const today = clock.today();
  const limits = caseDateLimits(state, today);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<WithdrawValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { reason: '', requestDate: dateInputOf(today) },
    resolver: payloadResolver('Withdrawn', (v: WithdrawValues) => buildWithdraw(v, limits)),
  });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('Withdrawn', buildWithdraw(values, limits).payload);
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
        errors={shownErrors(form.formState)}
      />
      <TextArea
        label={t('withdraw.reason')}
        registration={form.register('reason')}
        errors={shownErrors(form.formState)}
      />
    </ActionForm>
  );
}

// ---- suspending and resuming the term ------------------------------------------------------------

interface SuspendValues {
  groundCode: string;
  reason: string;
}

const buildSuspend = (v: SuspendValues): Built => ({
  payload: compact({ reason: v.reason, groundCode: optional(v.groundCode) }),
  errors: v.groundCode === '' ? { groundCode: 'casePage:suspend.groundRequired' } : {},
});

/**
 * Suspension on one of the grounds the case's rule-set names (001:9283-9285 / 3106-3108 for fuel aid);
 * the form is offered only where the rule-set names any. The applicant gets a notice with the reasons
 * within the rule-set's term, which the form states.
 */
export function TermSuspendedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { calendar } = useDesk();
  const lang = useAppSelector((s) => s.preferences.language);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const grounds = caseService(state)?.suspensionGrounds;
  const options = grounds?.kind === 'list' ? grounds.grounds : [];
  const notice = caseSchedule(state, calendar).notices.find(
    (n) => n.term.when === 'refusalOrSuspension',
  );
  const form = useDraftForm<SuspendValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { groundCode: '', reason: '' },
    resolver: payloadResolver('TermSuspended', buildSuspend),
  });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('TermSuspended', buildSuspend(values).payload);
  });
  return (
    <ActionForm
      title={t('actions.TermSuspended')}
      intro={
        <>
          <p>{t('suspend.intro')}</p>
          {notice && notice.due.kind === 'date' && (
            <p>{t('suspend.noticeDue', { date: formatDate(notice.due.date) })}</p>
          )}
        </>
      }
      submitLabel={t('suspend.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <Select
        label={t('suspend.ground')}
        registration={form.register('groundCode')}
        errors={shownErrors(form.formState)}
        options={[
          { value: '', label: t('suspend.chooseGround') },
          ...options.map((g) => ({ value: g.id, label: localized(g.text, lang) })),
        ]}
      />
      <TextArea
        label={t('suspend.reason')}
        registration={form.register('reason')}
        errors={shownErrors(form.formState)}
      />
    </ActionForm>
  );
}

export function TermResumedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { failure, save } = useEventSubmit(caseId, onDone);
  const build = (v: { note: string }): Built => ({ payload: compact({ note: optional(v.note) }) });
  const form = useDraftForm<{ note: string }>({
    ...WHEN_TO_VALIDATE,
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
        errors={shownErrors(form.formState)}
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
  const form = useDraftForm<{ reason: string }>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { reason: '' },
  });
  const reason = useWatch({ control: form.control, name: 'reason' });
  const { calendar } = useDesk();
  const newDue =
    state.dueDate !== null ? extendedDueDate(state.dueDate, extension.rule, calendar) : null;
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
        errors={shownErrors(form.formState)}
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

// ---- re-planning after a calendar correction -----------------------------------------------------

/**
 * A correction of the working-day calendar never moves a due date by itself: the talon's date stands
 * until a person re-plans it here, with the reason, and the event records which calendar was used.
 */
export function TermReplannedForm({
  caseId,
  proposal,
  onDone,
  onCancel,
}: ActionProps & { proposal: ReplanProposal }) {
  const { t } = useTranslation('casePage');
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const build = (v: { reason: string }): Built => ({
    payload: {
      newDueDate: proposal.newDueDate,
      calendarVersion: proposal.calendarVersion,
      reason: v.reason,
    },
  });
  const form = useDraftForm<{ reason: string }>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { reason: t('replan.defaultReason', { version: proposal.calendarVersion }) },
    resolver: payloadResolver('TermReplanned', build),
  });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('TermReplanned', build(values).payload);
  });
  return (
    <ActionForm
      title={t('actions.TermReplanned')}
      intro={
        <p>
          {t('replan.intro', {
            version: proposal.calendarVersion,
            from: formatDate(proposal.currentDueDate),
            to: formatDate(proposal.newDueDate),
          })}
        </p>
      }
      submitLabel={t('replan.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <TextArea
        label={t('replan.reason')}
        registration={form.register('reason')}
        errors={shownErrors(form.formState)}
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
  const form = useDraftForm<{ note: string }>({
    ...WHEN_TO_VALIDATE,
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
        errors={shownErrors(form.formState)}
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
  const form = useDraftForm<{ outgoingNumber: string }>({
    ...WHEN_TO_VALIDATE,
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
        errors={shownErrors(form.formState)}
      />
    </ActionForm>
  );
}
