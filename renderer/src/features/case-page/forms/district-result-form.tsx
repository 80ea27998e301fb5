import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DECISION_OUTCOMES } from '../../../../../shared/case';
import type { ServiceDefinition } from '../../../../../shared/catalog';
import {
  caseDateLimits,
  checkAward,
  checkDateInput,
  type DateLimits,
} from '../../../../../shared/input';
import { caseService } from '../../../../../shared/schedule';
import { useDesk } from '../../../app/desk-context';
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
  parsePayload,
  parseTengeToTiyn,
  payloadResolver,
  shownErrors,
  useEventSubmit,
  type Built,
} from './form-kit';
import { useDraftForm } from '../../session';

export interface ResultValues {
  outcome: string;
  number: string;
  date: string;
  amount: string;
  periodFrom: string;
  periodTo: string;
  justification: string;
  receivedOn: string;
  outgoingNumber: string;
}

const FIELD_OF: Readonly<Record<string, string>> = {
  decision: 'outcome',
  'decision.outcome': 'outcome',
  'decision.number': 'number',
  'decision.date': 'date',
  'decision.amountTiyn': 'amount',
  'decision.periodFrom': 'periodFrom',
  'decision.periodTo': 'periodTo',
  'decision.justification': 'justification',
};

/**
 * Dates are typed as dd.MM.yyyy and read the desk's one way (shared/input checkDateInput: 31.02 is
 * "no such date"); a text that is not a date is reported on its own field.
 */
function dateField(
  text: string,
  field: string,
  errors: Record<string, string>,
  required: boolean,
  limits: DateLimits = {},
): string | undefined {
  const checked = checkDateInput(text, { ...limits, required });
  if (!checked.ok) {
    errors[field] = checked.message;
    return required || text.trim() !== '' ? text : undefined;
  }
  return checked.date ?? undefined;
}

/**
 * The decision is dated within the case (not before its registration, not in the future); a granted
 * amount is within the service's plausible bounds (catalog inputBounds.award, checked by shared/input
 * checkAward, the incomes' own check).
 */
export function buildResult(
  v: ResultValues,
  limits: DateLimits,
  service: Pick<ServiceDefinition, 'inputBounds'> | null,
): Built {
  const errors: Record<string, string> = {};
  const date = dateField(v.date, 'date', errors, true, limits);
  const receivedOn = dateField(v.receivedOn, 'receivedOn', errors, true, limits);
  let decision: Record<string, unknown>;
  if (v.outcome === 'grant') {
    const amountTiyn = v.amount.trim() === '' ? undefined : parseTengeToTiyn(v.amount);
    if (amountTiyn === null) errors['amount'] = 'casePage:validation.amount';
    const periodFrom = dateField(v.periodFrom, 'periodFrom', errors, false);
    const periodTo = dateField(v.periodTo, 'periodTo', errors, false);
    if (
      periodFrom &&
      periodTo &&
      !errors['periodFrom'] &&
      !errors['periodTo'] &&
      periodTo < periodFrom
    ) {
      errors['periodTo'] = 'case:validation.periodOrder';
    }
    if (service && amountTiyn !== undefined && amountTiyn !== null && !errors['periodTo']) {
      const plausible = checkAward(service, {
        amountTiyn,
        periodFrom: errors['periodFrom'] ? undefined : periodFrom,
        periodTo,
      });
      if (!plausible.ok) errors[plausible.field] = plausible.message;
    }
    decision = compact({
      outcome: 'grant',
      number: v.number,
      date,
      amountTiyn: amountTiyn ?? undefined,
      periodFrom,
      periodTo,
    });
  } else if (v.outcome === 'refuse') {
    decision = { outcome: 'refuse', number: v.number, date, justification: v.justification };
  } else {
    decision = {};
  }
  if (date && receivedOn && !errors['date'] && !errors['receivedOn']) {
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
  const { failure, setFailure, save } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<ResultValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: {
      outcome: '',
      number: '',
      date: '',
      amount: '',
      periodFrom: '',
      periodTo: '',
      justification: '',
      receivedOn: dateInputOf(today),
      outgoingNumber: '',
    },
    resolver: payloadResolver(
      'DistrictResultRecorded',
      (v: ResultValues) => buildResult(v, limits, service),
      (path) => FIELD_OF[path] ?? path,
    ),
  });
  const errors = shownErrors(form.formState);
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const submit = form.handleSubmit(async (values) => {
    const payload = parsePayload(
      'DistrictResultRecorded',
      buildResult(values, limits, service).payload,
    );
    if (payload === null) return setFailure('casePage:form.invalid');
    await save('DistrictResultRecorded', payload);
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
      <Choice
        legend={t('districtResult.outcome')}
        registration={form.register('outcome')}
        errors={errors}
        options={DECISION_OUTCOMES.map((o) => ({
          value: o,
          label: t(`case:decisionOutcomes.${o}`),
        }))}
      />
      <div className="cp-row">
        <TextInput
          label={t('districtResult.number')}
          registration={form.register('number')}
          errors={errors}
        />
        <DateInput
          label={t('districtResult.date')}
          registration={form.register('date')}
          errors={errors}
        />
      </div>
      {outcome === 'grant' && (
        <div className="cp-row">
          <TextInput
            label={t('districtResult.amount')}
            registration={form.register('amount')}
            errors={errors}
            inputMode="decimal"
            hint={t('districtResult.amountHint')}
          />
          <DateInput
            label={t('districtResult.periodFrom')}
            registration={form.register('periodFrom')}
            errors={errors}
          />
          <DateInput
            label={t('districtResult.periodTo')}
            registration={form.register('periodTo')}
            errors={errors}
          />
        </div>
      )}
      {outcome === 'refuse' && (
        <TextArea
          label={t('districtResult.justification')}
          registration={form.register('justification')}
          errors={errors}
          hint={t('districtResult.justificationHint')}
        />
      )}
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
