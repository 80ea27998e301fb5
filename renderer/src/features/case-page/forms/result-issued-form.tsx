import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Applicant, CaseState } from '../../../../../shared/case';
import { caseDateLimits, type DateLimits } from '../../../../../shared/input';
import { LANGUAGES } from '../../../../../shared/ipc';
import { useDesk } from '../../../app/desk-context';
import { printPath, type PrintKind } from '../../../app/paths';
import type { ActionProps } from './action-props';
import {
  ActionForm,
  Choice,
  DateInput,
  TextInput,
  WHEN_TO_VALIDATE,
  dateInputOf,
  payloadResolver,
  shownErrors,
  typedDate,
  useEventSubmit,
  type Built,
  typedName,
  NameFix,
} from './form-kit';
import { useDraftForm } from '../../session';

interface IssueValues {
  date: string;
  way: string;
  toKind: string;
  name: string;
}

export function applicantName(a: Applicant): string {
  return [a.lastName, a.firstName, a.patronymic].filter((p) => p && p.trim() !== '').join(' ');
}

/** Handed over within the case: not before its registration, not in the future. */
function buildIssue(v: IssueValues, limits: DateLimits): Built {
  const errors: Record<string, string> = {};
  const date = typedDate(v.date, 'date', errors, limits);
  return {
    payload: {
      date,
      way: v.way,
      to: { kind: v.toKind, name: typedName(v.name, 'name', errors) },
    },
    errors,
  };
}

const FIELD_OF: Readonly<Record<string, string>> = { 'to.name': 'name', 'to.kind': 'toKind' };

/** The document handed over: the certificate for the certificate, otherwise the decision's notice. */
export function issuedDocument(state: CaseState): PrintKind | null {
  if (state.certificate) return 'certificate';
  if (state.decision) return 'notice';
  return null;
}

/** Hands the result to the applicant or the representative and closes the case. */
export function ResultIssuedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const today = clock.today();
  const limits = caseDateLimits(state, today);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const applicant = state.applicant ? applicantName(state.applicant) : '';
  const representative = state.representative?.name ?? null;
  const certificate = state.certificate !== null;
  const sms = state.notificationChannel === 'sms';
  const ways = certificate
    ? ['inPerson']
    : sms
      ? ['inPerson', 'sms', 'post']
      : ['inPerson', 'post'];
  const form = useDraftForm<IssueValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: {
      date: dateInputOf(today),
      way: 'inPerson',
      toKind: 'applicant',
      name: applicant,
    },
    resolver: payloadResolver(
      'ResultIssued',
      (v: IssueValues) => buildIssue(v, limits),
      (path) => FIELD_OF[path] ?? path,
    ),
  });
  const errors = shownErrors(form.formState);
  const toKind = form.register('toKind', {
    onChange: (e: { target: { value: string } }) => {
      form.setValue(
        'name',
        e.target.value === 'representative' ? (representative ?? '') : applicant,
      );
    },
  });
  const document = issuedDocument(state);
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('ResultIssued', buildIssue(values, limits).payload);
  });
  return (
    <ActionForm
      title={t('actions.ResultIssued')}
      intro={
        <>
          <p>{t(certificate ? 'issue.introCertificate' : 'issue.intro')}</p>
          {document && (
            <p className="cp-print-inline">
              {t(`print.${document}`)}:{' '}
              {LANGUAGES.map((lang) => (
                <Link key={lang} to={printPath(document, caseId, lang)} className="cp-print-link">
                  {t(`print.lang.${lang}`)}
                </Link>
              ))}
            </p>
          )}
          {sms && !certificate && (
            <p className="cp-note" role="note">
              {t('issue.smsQueued')}
            </p>
          )}
        </>
      }
      submitLabel={t('issue.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <div className="cp-row">
        <DateInput label={t('issue.date')} registration={form.register('date')} errors={errors} />
      </div>
      {ways.length > 1 && (
        <Choice
          legend={t('issue.way')}
          registration={form.register('way')}
          errors={errors}
          options={ways.map((w) => ({ value: w, label: t(`case:issueWays.${w}`) }))}
        />
      )}
      {representative !== null && (
        <Choice
          legend={t('issue.to')}
          registration={toKind}
          errors={errors}
          options={[
            { value: 'applicant', label: t('case:recipientKinds.applicant') },
            { value: 'representative', label: t('case:recipientKinds.representative') },
          ]}
        />
      )}
      <TextInput label={t('issue.name')} registration={form.register('name')} errors={errors} />
      <NameFix
        errors={errors}
        field="name"
        value={form.getValues('name')}
        onFix={(fixed) => form.setValue('name', fixed, { shouldValidate: true, shouldDirty: true })}
      />
    </ActionForm>
  );
}
