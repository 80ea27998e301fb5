import { useTranslation } from 'react-i18next';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { RELATIONS } from '../../../../shared/case';
import { validateIin } from '../../../../shared/identity';
import { DateField, FieldNote, NameField, SelectField, TextField } from './fields';
import {
  emptyFamilyMember,
  emptyIncome,
  type FieldErrors as FieldNotes,
  type IntakeFormValues,
} from './intake-model';
import { dateInputOf } from '../../i18n';

/** Family members (from the family-composition paper) and incomes, where the service asks for them. */
export function FamilySection({ incomes, notes }: { incomes: boolean; notes: FieldNotes }) {
  const { t } = useTranslation('intake');
  const { control } = useFormContext<IntakeFormValues>();
  const members = useFieldArray({ control, name: 'familyMembers' });
  return (
    <section className="card intake-card" aria-labelledby="intake-family-heading">
      <h2 id="intake-family-heading">
        {incomes ? t('family.headingWithIncomes') : t('family.heading')}
      </h2>
      <p className="intake-hint">{t('family.rule')}</p>
      {incomes && (
        <fieldset className="intake-group">
          <legend>{t('family.applicantIncomes')}</legend>
          <Incomes prefix="applicantIncomes" />
        </fieldset>
      )}
      {members.fields.map((field, index) => (
        <fieldset key={field.id} className="intake-group">
          <legend>{t('family.member', { n: index + 1 })}</legend>
          <MemberFields index={index} notes={notes} />
          {incomes && <Incomes prefix={`familyMembers.${index}.incomes`} />}
          <button type="button" className="intake-link" onClick={() => members.remove(index)}>
            {t('family.removeMember', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="intake-secondary"
        onClick={() => members.append(emptyFamilyMember())}
      >
        {t('family.addMember')}
      </button>
    </section>
  );
}

function MemberFields({ index, notes }: { index: number; notes: FieldNotes }) {
  const { t } = useTranslation('intake');
  const { getValues, setValue } = useFormContext<IntakeFormValues>();
  const at = `familyMembers.${index}` as const;
  return (
    <>
      <div className="intake-grid">
        <NameField name={`${at}.lastName`} label={t('applicant.lastName')} />
        <NameField name={`${at}.firstName`} label={t('applicant.firstName')} />
        <NameField name={`${at}.patronymic`} label={t('applicant.patronymic')} />
      </div>
      <div className="intake-grid">
        <TextField
          name={`${at}.iin`}
          label={t('family.iin')}
          inputMode="numeric"
          onBlurred={(value) => {
            // The IIN tells the birth date: fill it when it is still empty.
            const iin = validateIin(value);
            if (iin.ok && getValues(`${at}.birthDate`).trim() === '') {
              setValue(`${at}.birthDate`, dateInputOf(iin.birthDate), { shouldValidate: true });
            }
          }}
        />
        <DateField
          name={`${at}.birthDate`}
          label={t('family.birthDate')}
          after={<FieldNote message={notes[`${at}.birthDate`]} />}
        />
        <SelectField name={`${at}.relation`} label={t('family.relation')}>
          <option value="">{t('family.chooseRelation')}</option>
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {t(`case:relations.${r}`)}
            </option>
          ))}
        </SelectField>
      </div>
    </>
  );
}

type IncomesPath = 'applicantIncomes' | `familyMembers.${number}.incomes`;

function Incomes({ prefix }: { prefix: IncomesPath }) {
  const { t } = useTranslation('intake');
  const { control } = useFormContext<IntakeFormValues>();
  const rows = useFieldArray({ control, name: prefix });
  return (
    <div className="intake-incomes">
      {rows.fields.map((field, i) => (
        <fieldset key={field.id} className="intake-income">
          <legend>{t('family.income', { n: i + 1 })}</legend>
          <div className="intake-grid intake-grid-4">
            <TextField name={`${prefix}.${i}.source`} label={t('family.incomeSource')} />
            <TextField
              name={`${prefix}.${i}.amount`}
              label={t('family.incomeAmount')}
              inputMode="decimal"
            />
            <DateField name={`${prefix}.${i}.periodFrom`} label={t('family.periodFrom')} />
            <DateField name={`${prefix}.${i}.periodTo`} label={t('family.periodTo')} />
          </div>
          <button type="button" className="intake-link" onClick={() => rows.remove(i)}>
            {t('family.removeIncome', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="intake-secondary" onClick={() => rows.append(emptyIncome())}>
        {t('family.addIncome')}
      </button>
    </div>
  );
}
