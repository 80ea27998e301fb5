import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/ipc';
import type { RegistryOffice } from '../../../../shared/sync';
import { useDraftForm } from '../session';
import { addOffice, type AdminContext, type AdminFailure } from './admin-client';
import {
  EMPTY_OFFICE_DRAFT,
  officeDraftErrors,
  registryOfficeName,
  toAddOffice,
  type OfficeDraft,
  type OfficeRow,
} from './registry-view';
import { useFailureText } from './use-admin';

/** The district's offices as the hub's registry lists them, with their desks counted. */
export function OfficesTable({ rows }: { rows: readonly OfficeRow[] }) {
  const { t } = useTranslation('districtAdmin');
  if (rows.length === 0) return <p className="district-admin-muted">{t('offices.empty')}</p>;
  return (
    <div className="card district-admin-table-card">
      <table className="district-admin-table">
        <thead>
          <tr>
            <th scope="col">{t('offices.columns.kind')}</th>
            <th scope="col">{t('offices.columns.code')}</th>
            <th scope="col">{t('offices.columns.nameKk')}</th>
            <th scope="col">{t('offices.columns.nameRu')}</th>
            <th scope="col">{t('offices.columns.desks')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ office, activeDesks, desks }) => (
            <tr key={office.id}>
              <td>{t(`offices.kinds.${office.kind}`)}</td>
              <td className="district-admin-code-cell">{office.code}</td>
              <th scope="row" lang="kk">
                {office.nameKk}
              </th>
              <td lang="ru">{office.nameRu}</td>
              <td>
                {activeDesks}
                {desks > activeDesks && (
                  <div className="district-admin-hint">
                    {t('offices.revokedDesks', { n: desks - activeDesks })}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const FIELDS: readonly (keyof OfficeDraft)[] = ['code', 'nameKk', 'nameRu'];

/**
 * A new okrug's akimat: code and names in both languages, checked here (officeDraftErrors) and
 * again by the hub; its refusal is said under the form. After adding, the registry is read again.
 */
export function AddOfficeForm({
  offices,
  language,
  context,
  onAdded,
}: {
  offices: readonly RegistryOffice[];
  language: Language;
  context: () => Promise<AdminContext>;
  onAdded: () => void;
}) {
  const { t } = useTranslation('districtAdmin');
  const failureText = useFailureText();
  const [failed, setFailed] = useState<AdminFailure | null>(null);
  // What was added, named in the reader's language whenever drawn (the language may change).
  const [done, setDone] = useState<OfficeDraft | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useDraftForm<OfficeDraft>(
    { defaultValues: EMPTY_OFFICE_DRAFT },
    { key: 'districtAdmin:addOffice', what: 'districtAdmin:offices.add.unsavedWork' },
  );
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setFailed(null);
    setDone(null);
    const problems = officeDraftErrors(values, offices);
    const keys = FIELDS.filter((key) => problems[key] !== undefined);
    if (keys.length > 0) {
      for (const key of keys) setError(key, { message: problems[key] });
      return;
    }
    const office = toAddOffice(values);
    const result = await addOffice(await context(), office);
    if (!result.ok) {
      setFailed(result);
      return;
    }
    reset(EMPTY_OFFICE_DRAFT);
    setDone(office);
    onAdded();
  });

  const id = (key: keyof OfficeDraft) => `district-admin-office-${key}`;
  const field = (key: keyof OfficeDraft, hint?: string) => {
    const message = errors[key]?.message;
    return (
      <div className="district-admin-field">
        <label htmlFor={id(key)}>{t(`offices.add.${key}`)}</label>
        <input
          id={id(key)}
          type="text"
          autoComplete="off"
          lang={key === 'nameKk' ? 'kk' : key === 'nameRu' ? 'ru' : undefined}
          aria-invalid={message ? true : undefined}
          aria-describedby={
            [message ? `${id(key)}-error` : null, hint ? `${id(key)}-hint` : null]
              .filter(Boolean)
              .join(' ') || undefined
          }
          {...register(key)}
        />
        {hint && (
          <p className="district-admin-hint" id={`${id(key)}-hint`}>
            {hint}
          </p>
        )}
        {message && (
          <p className="district-admin-error" id={`${id(key)}-error`} role="alert">
            {t(message)}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      className="card district-admin-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="district-admin-add-office"
    >
      <h3 id="district-admin-add-office">{t('offices.add.heading')}</h3>
      <div className="district-admin-fields">
        {field('code', t('offices.add.codeHint'))}
        {field('nameKk')}
        {field('nameRu')}
      </div>
      {failed && (
        <p className="district-admin-error" role="alert">
          {failureText(failed)}
        </p>
      )}
      {done && (
        <p className="district-admin-notice" role="status">
          {t('offices.add.done', { name: registryOfficeName(done, language) })}
        </p>
      )}
      <div className="district-admin-actions">
        <button type="submit" className="district-admin-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('offices.add.working') : t('offices.add.submit')}
        </button>
      </div>
    </form>
  );
}
