// The fields of a decision on social assistance (app. 5, R-DEC-1): grant with amount and period, or a
// reasoned refusal (R-DEC-6). One set of fields and one set of checks for the district's own decision
// (decision-form.tsx) and the akimat's paper entry of it (district-result-form.tsx).
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DECISION_OUTCOMES } from '../../../../../shared/case';
import type { ServiceDefinition } from '../../../../../shared/catalog';
import { checkAward, checkDateInput, type DateLimits } from '../../../../../shared/input';
import { compact } from './action-props';
import { Choice, DateInput, TextArea, TextInput, parseTengeToTiyn } from './form-kit';

/** What is typed for a decision; `outcome` is '' until chosen. */
export interface DecisionValues {
  outcome: string;
  number: string;
  date: string;
  amount: string;
  periodFrom: string;
  periodTo: string;
  justification: string;
}

export const EMPTY_DECISION: DecisionValues = {
  outcome: '',
  number: '',
  date: '',
  amount: '',
  periodFrom: '',
  periodTo: '',
  justification: '',
};

/** The form field of a path inside the decision payload ('amountTiyn' → 'amount'). */
export const DECISION_FIELD_OF: Readonly<Record<string, string>> = {
  '': 'outcome',
  outcome: 'outcome',
  number: 'number',
  date: 'date',
  amountTiyn: 'amount',
  periodFrom: 'periodFrom',
  periodTo: 'periodTo',
  justification: 'justification',
};

/**
 * Dates are typed as dd.MM.yyyy and read the desk's one way (shared/input checkDateInput: 31.02 is
 * "no such date"); a text that is not a date is reported on its own field. Returns the date, the text
 * as typed when it is not one (the schema then has something to refuse), or undefined when an optional
 * date is left empty.
 */
export function dateField(
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
 * The decision as a payload (without remarksConsideration and groundCodes, which only the district's
 * own decision has). The decision is dated within `limits` (not before the case, not in the future);
 * a granted amount is within the service's plausible bounds (catalog inputBounds.award, checked by
 * shared/input checkAward, the incomes' own check). Problems go into `errors` by field.
 */
export function buildDecisionFields(
  v: DecisionValues,
  limits: DateLimits,
  service: Pick<ServiceDefinition, 'inputBounds'> | null,
  errors: Record<string, string>,
): Record<string, unknown> {
  const date = dateField(v.date, 'date', errors, true, limits);
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
    return compact({
      outcome: 'grant',
      number: v.number,
      date,
      amountTiyn: amountTiyn ?? undefined,
      periodFrom,
      periodTo,
    });
  }
  if (v.outcome === 'refuse') {
    return { outcome: 'refuse', number: v.number, date, justification: v.justification };
  }
  return {};
}

/**
 * The outcome, number and date, then the amount and period of a grant or the justification of a
 * refusal. `justificationHint` says where the justification comes from on this form.
 */
export function DecisionFields<V extends DecisionValues>({
  register,
  errors,
  outcome,
  justificationHint,
}: {
  register: UseFormRegister<V>;
  errors: FieldErrors;
  outcome: string;
  justificationHint: string;
}) {
  const { t } = useTranslation('casePage');
  // Sound: V extends DecisionValues, so each of these names is a field of V holding a string.
  const reg = register as unknown as UseFormRegister<DecisionValues>;
  return (
    <>
      <Choice
        legend={t('decisionFields.outcome')}
        registration={reg('outcome')}
        errors={errors}
        options={DECISION_OUTCOMES.map((o) => ({
          value: o,
          label: t(`case:decisionOutcomes.${o}`),
        }))}
      />
      <div className="cp-row">
        <TextInput
          label={t('decisionFields.number')}
          registration={reg('number')}
          errors={errors}
        />
        <DateInput label={t('decisionFields.date')} registration={reg('date')} errors={errors} />
      </div>
      {outcome === 'grant' && (
        <div className="cp-row">
          <TextInput
            label={t('decisionFields.amount')}
            registration={reg('amount')}
            errors={errors}
            inputMode="decimal"
            hint={t('decisionFields.amountHint')}
          />
          <DateInput
            label={t('decisionFields.periodFrom')}
            registration={reg('periodFrom')}
            errors={errors}
          />
          <DateInput
            label={t('decisionFields.periodTo')}
            registration={reg('periodTo')}
            errors={errors}
          />
        </div>
      )}
      {outcome === 'refuse' && (
        <TextArea
          label={t('decisionFields.justification')}
          registration={reg('justification')}
          errors={errors}
          hint={justificationHint}
        />
      )}
    </>
  );
}
