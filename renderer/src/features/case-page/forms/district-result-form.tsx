import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ServiceDefinition } from '../../../../../shared/catalog';
import { caseDateLimits, type DateLimits } from '../../../../../shared/input';
import { caseService } from '../../../../../shared/schedule';
import { useDesk } from '../../../app/desk-context';
import { compact, type ActionProps } from './action-props';
import {
  DECISION_FIELD_OF,
  DecisionFields,
  EMPTY_DECISION,
  buildDecisionFields,
  dateField,
  type DecisionValues,
} from './decision-fields';
import {
  ActionForm,
  DateInput,
  TextInput,
  WHEN_TO_VALIDATE,
  dateInputOf,
  optional,
  payloadResolver,
  shownErrors,
  useEventSubmit,
  type Built,
} from './form-kit';
import { useDraftForm } from '../../session';

export interface ResultValues extends DecisionValues {
  receivedOn: string;
  outgoingNumber: string;
}

const fieldOf = (path: string): string => {
  if (path === 'decision' || path.startsWith('decision.')) {
    return DECISION_FIELD_OF[path.slice('decision.'.length)] ?? path;
  }
  return path;
};

/**
 * The decision (buildDecisionFields: dated within the case, a granted amount within the catalog's
 * bounds), then when it came to the akimat: not before the decision.
 */
export function buildResult(
  v: ResultValues,
  limits: DateLimits,
  service: Pick<ServiceDefinition, 'inputBounds'> | null,
): Built {
  const errors: Record<string, string> = {};
  const decision = buildDecisionFields(v, limits, service, errors);
  const receivedOn = dateField(v.receivedOn, 'receivedOn', errors, true, limits);
  const date = decision['date'];
  if (typeof date === 'string' && receivedOn && !errors['date'] && !errors['receivedOn']) {
    if (receivedOn < date) errors['receivedOn'] = 'casePage:validation.receivedBeforeDecision';
  }
  return {
    payload: compact({ decision, receivedOn, outgoingNumber: optional(v.outgoingNumber) }),
    errors,
  };
}

/** The district's result as it came on paper: the decision, its number and date, and when it came. */
export function DistrictResultForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const today = clock.today();
  const limits = caseDateLimits(state, today);
  const service = caseService(state);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<ResultValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: {
      ...EMPTY_DECISION,
      receivedOn: dateInputOf(today),
      outgoingNumber: '',
    },
    resolver: payloadResolver(
      'DistrictResultRecorded',
      (v: ResultValues) => buildResult(v, limits, service),
      fieldOf,
    ),
  });
  const errors = shownErrors(form.formState);
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('DistrictResultRecorded', buildResult(values, limits, service).payload);
  });
  return (
    <ActionForm
      title={t('actions.DistrictResultRecorded')}
      intro={<p>{t('districtResult.intro')}</p>}
      submitLabel={t('districtResult.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <DecisionFields
        register={form.register}
        errors={errors}
        outcome={outcome}
        justificationHint={t('districtResult.justificationHint')}
      />
      <div className="cp-row">
        <DateInput
          label={t('districtResult.receivedOn')}
          registration={form.register('receivedOn')}
          errors={errors}
        />
        <TextInput
          label={t('districtResult.outgoingNumber')}
          registration={form.register('outgoingNumber')}
          errors={errors}
        />
      </div>
    </ActionForm>
  );
}
