// The correction of an application after registration: the form shows the application as it stands,
// the specialist changes what was entered wrongly and says why, and one ApplicationCorrected event is
// saved with only the sections that differ (shared/case application: what changed is worked out again
// by the fold from the values, not from this form). The Registered event is never touched.
import { useId } from 'react';
import {
  useFieldArray,
  useWatch,
  type FieldErrors,
  type UseFormRegisterReturn,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  DOCUMENT_STATES,
  RELATIONS,
  applicationChanges,
  sameValue,
  type Applicant,
  type ApplicationData,
  type CaseState,
  type DocumentState,
  type FamilyMember,
  type Income,
  type Representative,
} from '../../../../../shared/case';
import type { CatalogDocument, ServiceDefinition } from '../../../../../shared/catalog';
import { validateIin, validateKzMobile } from '../../../../../shared/identity';
import { checkApplicantAge, checkPersonName } from '../../../../../shared/input';
import type { LocalDate } from '../../../../../shared/time';
import { useDesk } from '../../../app/desk-context';
import type { Language } from '../../../../../shared/ipc';
import { caseService } from '../../../../../shared/schedule';
import { documentLabel } from '../document-label';
import { compact } from './action-props';
import {
  ActionForm,
  DateInput,
  Select,
  TextArea,
  NameFix,
  TextInput,
  dateInputOf,
  optional,
  payloadResolver,
  shownErrors,
  typedDate,
  useEventSubmit,
  WHEN_TO_VALIDATE,
  type Built,
} from './form-kit';
import { useDraftForm } from '../../session';
import {
  checkIncomes,
  checkRepresentative,
  incomeValuesOf,
  representativeValuesOf,
  type IncomeValues,
  type RepresentativeValues,
} from '../../intake';

interface MemberValues {
  lastName: string;
  firstName: string;
  patronymic: string;
  iin: string;
  birthDate: string;
  relation: string;
  /** The member's incomes, carried as they are (this form corrects who is in the family). */
  incomes: Income[];
}

export interface CorrectionValues {
  applicant: {
    lastName: string;
    firstName: string;
    patronymic: string;
    iin: string;
    birthDate: string;
    sex: string;
    address: string;
    phone: string;
    inMobileCitizensDb: boolean;
  };
  /** Typed as at the intake, mapped by the intake's own functions. */
  representative: RepresentativeValues;
  family: MemberValues[];
  incomes: IncomeValues[];
  documents: { documentId: string; state: string }[];
  reason: string;
}

function phoneInputOf(e164: string | undefined): string {
  if (!e164) return '';
  const checked = validateKzMobile(e164);
  return checked.ok ? checked.display : e164;
}

/** The form's starting values: the application as it stands now. */
export function correctionDefaults(current: ApplicationData, lang: Language): CorrectionValues {
  const a = current.applicant;
  const r = current.representative;
  return {
    applicant: {
      lastName: a.lastName,
      firstName: a.firstName,
      patronymic: a.patronymic ?? '',
      iin: a.iin,
      birthDate: dateInputOf(a.birthDate),
      sex: a.sex,
      address: a.address,
      phone: phoneInputOf(a.phone),
      inMobileCitizensDb: a.inMobileCitizensDb,
    },
    representative: representativeValuesOf(r),
    family: current.familyMembers.map((m) => ({
      lastName: m.lastName,
      firstName: m.firstName,
      patronymic: m.patronymic ?? '',
      iin: m.iin ?? '',
      birthDate: dateInputOf(m.birthDate),
      relation: m.relation,
      incomes: [...m.incomes],
    })),
    incomes: current.applicantIncomes.map((i) => incomeValuesOf(i, lang)),
    documents: current.documents.map((d) => ({ documentId: d.documentId, state: d.state })),
    reason: '',
  };
}

/** What the checks of typed values need besides the values: the intake's own (shared/input). */
export interface CorrectionChecks {
  /** The service of the case, for its age and income bounds; null when the catalog lacks it. */
  readonly service: Pick<ServiceDefinition, 'inputBounds'> | null;
  /** Today at the office: no date typed may be later. */
  readonly today: LocalDate;
  /** The day the application was received: the applicant's age counts on it. */
  readonly receivedOn: LocalDate;
}

/**
 * The payload of the correction: the reason and every section whose typed value differs from the
 * application as it stands. Typed text is checked as the intake checks it (shared/input: names in
 * Cyrillic, dates that exist and are not in the future, the applicant's age, plausible incomes; IIN
 * and phone by shared/identity), each problem reported by its field.
 */
export function buildCorrection(
  v: CorrectionValues,
  current: ApplicationData,
  checks: CorrectionChecks,
): Built {
  const errors: Record<string, string> = {};
  const date = (text: string, field: string): string =>
    typedDate(text, field, errors, { notAfter: checks.today });
  const name = (text: string, field: string, max?: number): string => {
    const checked = checkPersonName(text, max);
    if (!checked.ok) errors[field] = checked.message;
    return text;
  };
  const iinOf = (text: string, field: string, required: boolean): string | undefined => {
    if (text.trim() === '') {
      if (required) errors[field] = 'case:validation.required';
      return undefined;
    }
    const checked = validateIin(text);
    if (!checked.ok) errors[field] = checked.reason;
    return checked.ok ? checked.iin : text.trim();
  };

  const a = v.applicant;
  let phone: string | undefined;
  if (a.phone.trim() !== '') {
    const checked = validateKzMobile(a.phone);
    if (checked.ok) phone = checked.e164;
    else {
      errors['applicant.phone'] = checked.reason;
      phone = a.phone;
    }
  }
  const applicant = compact({
    iin: iinOf(a.iin, 'applicant.iin', true) ?? '',
    lastName: name(a.lastName, 'applicant.lastName'),
    firstName: name(a.firstName, 'applicant.firstName'),
    patronymic: optional(name(a.patronymic, 'applicant.patronymic')),
    birthDate: date(a.birthDate, 'applicant.birthDate'),
    sex: a.sex,
    address: a.address,
    phone,
    inMobileCitizensDb: a.inMobileCitizensDb,
    // The language the applicant chose at intake is not a field of this form: it stays as it is.
    language: current.applicant.language,
  }) as Applicant;

  // The representative and the incomes are read as the intake reads them (one mapping).
  const representative: Representative | null = v.representative.enabled
    ? (checkRepresentative(v.representative, errors, checks.today) ?? null)
    : null;
  // Under 18, the applicant applies through a legal representative (Civil Code art. 17).
  if (checks.service && !errors['applicant.birthDate']) {
    const age = checkApplicantAge(
      checks.service,
      applicant.birthDate,
      checks.receivedOn,
      v.representative.enabled,
    );
    if (!age.ok) errors['applicant.birthDate'] = age.message;
  }

  const familyMembers = v.family.map(
    (m, i) =>
      compact({
        iin: iinOf(m.iin, `family.${i}.iin`, false),
        lastName: name(m.lastName, `family.${i}.lastName`),
        firstName: name(m.firstName, `family.${i}.firstName`),
        patronymic: optional(name(m.patronymic, `family.${i}.patronymic`)),
        birthDate: date(m.birthDate, `family.${i}.birthDate`),
        relation: m.relation,
        incomes: m.incomes,
      }) as FamilyMember,
  );

  const applicantIncomes = checkIncomes(
    v.incomes,
    errors,
    'incomes.',
    checks.today,
    checks.service,
  );

  const documents = v.documents.map((d) => ({
    documentId: d.documentId,
    state: d.state as DocumentState,
  }));

  // Only what differs in a fact the application shows (shared/case applicationChanges), so an
  // untouched section is never sent because of a flag stored as false rather than left out.
  const differs = applicationChanges(current, {
    ...current,
    applicant,
    representative,
  });
  const payload: Record<string, unknown> = { reason: v.reason };
  if (differs.sections.includes('applicant')) payload['applicant'] = applicant;
  if (differs.sections.includes('representative')) {
    payload['representation'] = representative ? { representative } : {};
  }
  if (!sameValue(familyMembers, current.familyMembers)) payload['familyMembers'] = familyMembers;
  if (!sameValue(applicantIncomes, current.applicantIncomes)) {
    payload['applicantIncomes'] = applicantIncomes;
  }
  if (applicationChanges(current, { ...current, documents }).documents.length > 0) {
    payload['documents'] = documents;
  }
  return { payload, errors };
}

/** A payload path ('familyMembers.0.firstName') → the form field that holds it. */
export function correctionFieldOf(path: string): string {
  if (path === '') return 'sections';
  const rep = /^representation\.representative\.(.+)$/.exec(path);
  if (rep) {
    const rest = rep[1] ?? '';
    const poa: Record<string, string> = {
      'powerOfAttorney.number': 'poaNumber',
      'powerOfAttorney.date': 'poaDate',
      'powerOfAttorney.issuer': 'poaIssuer',
      powerOfAttorney: 'poaNumber',
    };
    return `representative.${poa[rest] ?? rest}`;
  }
  return path
    .replace(/^familyMembers\./, 'family.')
    .replace(/^applicantIncomes\.(\d+)\.amountTiyn$/, 'incomes.$1.amount')
    .replace(/^applicantIncomes\./, 'incomes.')
    .replace(/^documents\.(\d+)\.state$/, 'documents.$1.state');
}

/** Document states a correction may give: every state but a gap (a gap is a suspension, R-REG-6). */
function statesFor(doc: CatalogDocument | undefined, current: string): DocumentState[] {
  const allowed = DOCUMENT_STATES.filter((s) => {
    if (s === 'missing' || s === 'expired') return false;
    if (!doc) return true;
    if (s === 'confirmedByInformationSystem') return doc.waivedWhen?.code === 'confirmedByStateIS';
    if (s === 'notApplicable') return doc.requirement !== 'required';
    return true;
  });
  return allowed.includes(current as DocumentState)
    ? allowed
    : [...allowed, current as DocumentState];
}

function Checkbox({ label, registration }: { label: string; registration: UseFormRegisterReturn }) {
  const id = useId();
  return (
    <div className="cp-check">
      <input id={id} type="checkbox" {...registration} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export interface ApplicationCorrectionFormProps {
  caseId: string;
  state: CaseState;
  catalog: readonly CatalogDocument[];
  lang: Language;
  onDone: () => void;
  onCancel: () => void;
}

export function ApplicationCorrectionForm({
  caseId,
  state,
  catalog,
  lang,
  onDone,
  onCancel,
}: ApplicationCorrectionFormProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const current = state.application;
  const checks: CorrectionChecks = {
    service: caseService(state),
    today: clock.today(),
    receivedOn: (state.receivedAt ?? clock.nowLocal()).slice(0, 10),
  };
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<CorrectionValues>({
    defaultValues: current ? correctionDefaults(current, lang) : undefined,
    ...WHEN_TO_VALIDATE,
    resolver: current
      ? payloadResolver(
          'ApplicationCorrected',
          (v: CorrectionValues) => buildCorrection(v, current, checks),
          correctionFieldOf,
        )
      : undefined,
  });
  const family = useFieldArray({ control: form.control, name: 'family' });
  const incomes = useFieldArray({ control: form.control, name: 'incomes' });
  const representing = useWatch({ control: form.control, name: 'representative.enabled' });
  if (!current) return null;
  const errors = shownErrors(form.formState);
  const sectionsError = (form.formState.errors as FieldErrors & { sections?: { message?: string } })
    .sections?.message;

  const submit = form.handleSubmit(async (values) => {
    await saveParsed('ApplicationCorrected', buildCorrection(values, current, checks).payload);
  });
  const relationOptions = RELATIONS.map((r) => ({ value: r, label: t(`case:relations.${r}`) }));

  return (
    <ActionForm
      title={t('actions.ApplicationCorrected')}
      intro={<p>{t('correct.intro')}</p>}
      submitLabel={t('correct.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure ?? (sectionsError ? sectionsError : null)}
    >
      <fieldset className="cp-members">
        <legend>{t('application.tabs.applicant')}</legend>
        <div className="cp-row">
          <TextInput
            label={t('application.fields.lastName')}
            registration={form.register('applicant.lastName')}
            errors={errors}
          />
          <NameFix
            errors={errors}
            field={'applicant.lastName'}
            value={form.getValues('applicant.lastName')}
            onFix={(fixed) =>
              form.setValue('applicant.lastName', fixed, {
                shouldValidate: true,
                shouldDirty: true,
              })
            }
          />
          <TextInput
            label={t('application.fields.firstName')}
            registration={form.register('applicant.firstName')}
            errors={errors}
          />
          <NameFix
            errors={errors}
            field={'applicant.firstName'}
            value={form.getValues('applicant.firstName')}
            onFix={(fixed) =>
              form.setValue('applicant.firstName', fixed, {
                shouldValidate: true,
                shouldDirty: true,
              })
            }
          />
          <TextInput
            label={t('application.fields.patronymic')}
            registration={form.register('applicant.patronymic')}
            errors={errors}
          />
          <NameFix
            errors={errors}
            field={'applicant.patronymic'}
            value={form.getValues('applicant.patronymic')}
            onFix={(fixed) =>
              form.setValue('applicant.patronymic', fixed, {
                shouldValidate: true,
                shouldDirty: true,
              })
            }
          />
        </div>
        <div className="cp-row">
          <TextInput
            label={t('application.fields.iin')}
            registration={form.register('applicant.iin')}
            errors={errors}
            inputMode="numeric"
          />
          <DateInput
            label={t('application.fields.birthDate')}
            registration={form.register('applicant.birthDate')}
            errors={errors}
          />
          <Select
            label={t('application.fields.sex')}
            registration={form.register('applicant.sex')}
            errors={errors}
            options={[
              { value: 'F', label: t('application.sex.F') },
              { value: 'M', label: t('application.sex.M') },
            ]}
          />
        </div>
        <div className="cp-row">
          <TextInput
            label={t('application.fields.address')}
            registration={form.register('applicant.address')}
            errors={errors}
          />
        </div>
        <div className="cp-row">
          <TextInput
            label={t('application.fields.phone')}
            registration={form.register('applicant.phone')}
            errors={errors}
            inputMode="numeric"
          />
        </div>
        <Checkbox
          label={t('application.fields.inMobileCitizensDb')}
          registration={form.register('applicant.inMobileCitizensDb')}
        />
      </fieldset>

      <fieldset className="cp-members">
        <legend>{t('application.tabs.representative')}</legend>
        <Checkbox
          label={t('correct.representativeEnabled')}
          registration={form.register('representative.enabled')}
        />
        {representing && (
          <>
            <div className="cp-row">
              <TextInput
                label={t('application.representativeFields.name')}
                registration={form.register('representative.name')}
                errors={errors}
              />
              <NameFix
                errors={errors}
                field={'representative.name'}
                value={form.getValues('representative.name')}
                onFix={(fixed) =>
                  form.setValue('representative.name', fixed, {
                    shouldValidate: true,
                    shouldDirty: true,
                  })
                }
              />
              <TextInput
                label={t('application.representativeFields.iin')}
                registration={form.register('representative.iin')}
                errors={errors}
                inputMode="numeric"
              />
            </div>
            <div className="cp-row">
              <TextInput
                label={t('application.representativeFields.poaNumber')}
                registration={form.register('representative.poaNumber')}
                errors={errors}
              />
              <DateInput
                label={t('application.representativeFields.poaDate')}
                registration={form.register('representative.poaDate')}
                errors={errors}
              />
              <TextInput
                label={t('application.representativeFields.poaIssuer')}
                registration={form.register('representative.poaIssuer')}
                errors={errors}
              />
            </div>
            <Checkbox
              label={t('application.representativeFields.poaNotarized')}
              registration={form.register('representative.notarized')}
            />
          </>
        )}
      </fieldset>

      <fieldset className="cp-members">
        <legend>{t('application.tabs.familyMembers')}</legend>
        {family.fields.map((field, i) => (
          <div
            key={field.id}
            className="cp-row cp-member"
            role="group"
            aria-label={t('correct.member', { n: i + 1 })}
          >
            <TextInput
              label={t('application.fields.lastName')}
              registration={form.register(`family.${i}.lastName`)}
              errors={errors}
            />
            <NameFix
              errors={errors}
              field={`family.${i}.lastName`}
              value={form.getValues(`family.${i}.lastName`)}
              onFix={(fixed) =>
                form.setValue(`family.${i}.lastName`, fixed, {
                  shouldValidate: true,
                  shouldDirty: true,
                })
              }
            />
            <TextInput
              label={t('application.fields.firstName')}
              registration={form.register(`family.${i}.firstName`)}
              errors={errors}
            />
            <NameFix
              errors={errors}
              field={`family.${i}.firstName`}
              value={form.getValues(`family.${i}.firstName`)}
              onFix={(fixed) =>
                form.setValue(`family.${i}.firstName`, fixed, {
                  shouldValidate: true,
                  shouldDirty: true,
                })
              }
            />
            <TextInput
              label={t('application.fields.patronymic')}
              registration={form.register(`family.${i}.patronymic`)}
              errors={errors}
            />
            <NameFix
              errors={errors}
              field={`family.${i}.patronymic`}
              value={form.getValues(`family.${i}.patronymic`)}
              onFix={(fixed) =>
                form.setValue(`family.${i}.patronymic`, fixed, {
                  shouldValidate: true,
                  shouldDirty: true,
                })
              }
            />
            <TextInput
              label={t('correct.memberIin')}
              registration={form.register(`family.${i}.iin`)}
              errors={errors}
              inputMode="numeric"
            />
            <DateInput
              label={t('application.fields.birthDate')}
              registration={form.register(`family.${i}.birthDate`)}
              errors={errors}
            />
            <Select
              label={t('application.member.relation')}
              registration={form.register(`family.${i}.relation`)}
              errors={errors}
              options={relationOptions}
            />
            <button type="button" onClick={() => family.remove(i)}>
              {t('correct.removeMember')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            family.append({
              lastName: '',
              firstName: '',
              patronymic: '',
              iin: '',
              birthDate: '',
              relation: 'child',
              incomes: [],
            })
          }
        >
          {t('correct.addMember')}
        </button>
      </fieldset>

      <fieldset className="cp-members">
        <legend>{t('correct.applicantIncomes')}</legend>
        {incomes.fields.map((field, i) => (
          <div
            key={field.id}
            className="cp-row cp-member"
            role="group"
            aria-label={t('correct.income', { n: i + 1 })}
          >
            <TextInput
              label={t('application.income.source')}
              registration={form.register(`incomes.${i}.source`)}
              errors={errors}
            />
            <TextInput
              label={t('correct.amount')}
              registration={form.register(`incomes.${i}.amount`)}
              errors={errors}
              inputMode="decimal"
            />
            <DateInput
              label={t('correct.periodFrom')}
              registration={form.register(`incomes.${i}.periodFrom`)}
              errors={errors}
            />
            <DateInput
              label={t('correct.periodTo')}
              registration={form.register(`incomes.${i}.periodTo`)}
              errors={errors}
            />
            <button type="button" onClick={() => incomes.remove(i)}>
              {t('correct.removeIncome')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => incomes.append({ source: '', amount: '', periodFrom: '', periodTo: '' })}
        >
          {t('correct.addIncome')}
        </button>
      </fieldset>

      <fieldset className="cp-members">
        <legend>{t('application.tabs.documents')}</legend>
        {current.documents.map((d, i) => (
          <Select
            key={d.documentId}
            label={documentLabel(catalog, d.documentId, lang)}
            registration={form.register(`documents.${i}.state`)}
            errors={errors}
            options={statesFor(
              catalog.find((c) => c.id === d.documentId),
              d.state,
            ).map((s) => ({ value: s, label: t(`case:documentStates.${s}`) }))}
          />
        ))}
      </fieldset>

      <TextArea
        label={t('correct.reason')}
        registration={form.register('reason')}
        errors={errors}
        hint={t('correct.reasonHint')}
      />
    </ActionForm>
  );
}
