import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { COMMISSION_CONCLUSIONS } from '../../../../../shared/case';
import { caseDateLimits, type DateLimits } from '../../../../../shared/input';
import { formatDate, formatDateTime } from '../../../../../shared/time';
import { useDesk } from '../../../app/desk-context';
import { caseSchedule, stepAwaiting, termStateOf } from '../../../../../shared/schedule';
import { compact, type ActionProps } from './action-props';
import {
  ActionForm,
  Choice,
  DateInput,
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
  typedName,
  NameFix,
} from './form-kit';
import { useDraftForm } from '../../session';

// ---- send to the village commission (R-ROUTE-1) ------------------------------------------------------

interface SendValues {
  note: string;
}

const buildSend = (v: SendValues): Built => ({ payload: compact({ note: optional(v.note) }) });

export function SentToCommissionForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock, calendar } = useDesk();
  const { failure, save } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<SendValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { note: '' },
    resolver: payloadResolver('SentToCommission', buildSend),
  });
  // The rule-set's own sending step, where it has one (R-ROUTE-1: 003:33, 001:11262).
  const step = stepAwaiting(caseSchedule(state, calendar), 'SentToCommission');
  const due = step?.due ?? null;
  const status = due ? termStateOf({ phase: 'running', due }, clock.nowLocal(), calendar) : null;
  const late = status?.kind === 'term' && status.status === 'overdue';
  const submit = form.handleSubmit(async (values) => {
    await save('SentToCommission', compact({ note: optional(values.note) }));
  });
  return (
    <ActionForm
      title={t('actions.SentToCommission')}
      intro={
        due &&
        status?.kind === 'term' && (
          <p className={late ? 'cp-late' : undefined}>
            {t('sending.due', {
              date: due.kind === 'date' ? formatDate(due.date) : formatDateTime(due.at),
            })}{' '}
            {late && t('sending.late', { count: Math.max(1, -status.workingDaysLeft) })}
          </p>
        )
      }
      submitLabel={t('sending.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <TextArea
        label={t('sending.note')}
        registration={form.register('note')}
        errors={shownErrors(form.formState)}
      />
    </ActionForm>
  );
}

// ---- the survey act of the village commission --------------------------------------------------------

interface ActValues {
  actDate: string;
  actNumber: string;
  members: { name: string; position: string }[];
  findings: string;
  conclusion: string;
}

/** The act is dated within the case: not before its registration, not in the future. */
function buildAct(v: ActValues, limits: DateLimits): Built {
  const errors: Record<string, string> = {};
  const actDate = typedDate(v.actDate, 'actDate', errors, limits);
  return {
    payload: compact({
      actDate,
      actNumber: optional(v.actNumber),
      members: v.members.map((m, i) =>
        compact({
          name: typedName(m.name, `members.${i}.name`, errors),
          position: optional(m.position),
        }),
      ),
      findings: v.findings,
      conclusion: v.conclusion,
    }),
    errors,
  };
}

export function CommissionActForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const limits = caseDateLimits(state, clock.today());
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<ActValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: {
      actDate: dateInputOf(clock.today()),
      actNumber: '',
      members: [{ name: '', position: '' }],
      findings: '',
      conclusion: '',
    },
    resolver: payloadResolver('CommissionActRecorded', (v: ActValues) => buildAct(v, limits)),
  });
  const members = useFieldArray({ control: form.control, name: 'members' });
  const errors = shownErrors(form.formState);
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('CommissionActRecorded', buildAct(values, limits).payload);
  });
  return (
    <ActionForm
      title={t('actions.CommissionActRecorded')}
      intro={<p>{t('commission.intro')}</p>}
      submitLabel={t('commission.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <div className="cp-row">
        <DateInput
          label={t('commission.actDate')}
          registration={form.register('actDate')}
          errors={errors}
        />
        <TextInput
          label={t('commission.actNumber')}
          registration={form.register('actNumber')}
          errors={errors}
        />
      </div>
      <fieldset className="cp-members">
        <legend>{t('commission.members')}</legend>
        {members.fields.map((field, index) => (
          <div className="cp-row cp-member" key={field.id}>
            <TextInput
              label={t('commission.memberName', { n: index + 1 })}
              registration={form.register(`members.${index}.name`)}
              errors={errors}
            />
            <NameFix
              errors={errors}
              field={`members.${index}.name`}
              value={form.getValues(`members.${index}.name`)}
              onFix={(fixed) =>
                form.setValue(`members.${index}.name`, fixed, {
                  shouldValidate: true,
                  shouldDirty: true,
                })
              }
            />
            <TextInput
              label={t('commission.memberPosition', { n: index + 1 })}
              registration={form.register(`members.${index}.position`)}
              errors={errors}
            />
            {members.fields.length > 1 && (
              <button type="button" className="cp-link" onClick={() => members.remove(index)}>
                {t('commission.removeMember', { n: index + 1 })}
              </button>
            )}
          </div>
        ))}
        {typeof errors.members?.message === 'string' && (
          <p className="cp-error" role="alert">
            {t(errors.members.message)}
          </p>
        )}
        <button type="button" onClick={() => members.append({ name: '', position: '' })}>
          {t('commission.addMember')}
        </button>
      </fieldset>
      <TextArea
        label={t('commission.findings')}
        registration={form.register('findings')}
        errors={errors}
      />
      <Choice
        legend={t('commission.conclusion')}
        registration={form.register('conclusion')}
        errors={errors}
        options={COMMISSION_CONCLUSIONS.map((c) => ({
          value: c,
          label: t(`case:commissionConclusions.${c}`),
        }))}
      />
    </ActionForm>
  );
}
