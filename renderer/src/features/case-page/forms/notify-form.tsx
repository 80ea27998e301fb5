import { useTranslation } from 'react-i18next';
import { NOTIFY_WAYS } from '../../../../../shared/case';
import { compact, type ActionProps } from './action-props';
import {
  ActionForm,
  Select,
  TextInput,
  optional,
  payloadResolver,
  useEventSubmit,
} from './form-kit';
import { useDraftForm } from '../../session';

interface NotifyValues {
  way: (typeof NOTIFY_WAYS)[number];
  note: string;
}

const build = (v: NotifyValues) => ({
  payload: compact({ way: v.way, note: optional(v.note) }),
});

/**
 * The specialist told the applicant the result is ready: the akimat's issue step (15 minutes,
 * 001:11148) runs from this moment (shared/schedule), not from the result's arrival.
 */
export function ApplicantNotifiedForm({ caseId, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { failure, save } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<NotifyValues>({
    defaultValues: { way: 'phone', note: '' },
    resolver: payloadResolver('ApplicantNotifiedResultReady', build),
  });
  const submit = form.handleSubmit(async (values) => {
    await save('ApplicantNotifiedResultReady', build(values).payload);
  });
  return (
    <ActionForm
      title={t('actions.ApplicantNotifiedResultReady')}
      submitLabel={t('notified.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <Select
        label={t('notified.way')}
        registration={form.register('way')}
        errors={form.formState.errors}
        options={NOTIFY_WAYS.map((w) => ({ value: w, label: t(`case:notifyWays.${w}`) }))}
        hint={t('notified.hint')}
      />
      <TextInput
        label={t('notified.note')}
        registration={form.register('note')}
        errors={form.formState.errors}
      />
    </ActionForm>
  );
}
