import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  OFFICE_SETTING_FIELDS,
  managesUsers,
  officeSettingsOf,
  type OfficeHoursProfile,
  type OfficeProfile,
  type OfficeSettingField,
  type OfficeSettings,
} from '../../../../shared/office';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import {
  attemptWrite,
  changeOfficeSettings,
  loadHubLink,
  officeSettingsHistory,
  useLive,
  type OfficeSettingsHistoryRow,
} from '../../db';
import { useKeepOnLeave, useTakenDraft, type DraftScope } from '../session';
import './office-settings.css';

const HOURS_FIELDS: readonly (keyof OfficeHoursProfile)[] = [
  'opensAt',
  'lunchFrom',
  'lunchTo',
  'closesAt',
];

/** The form's values: what the person typed, as text. */
interface Draft {
  nameKk: string;
  nameRu: string;
  address: string;
  workingHours: OfficeHoursProfile;
  intakeHours: OfficeHoursProfile;
  lockAfterMinutes: string;
}

function draftOf(profile: OfficeProfile): Draft {
  const s = officeSettingsOf(profile);
  return { ...s, lockAfterMinutes: String(s.lockAfterMinutes) };
}

/** Kept over a quick user switch for the same person (session drafts, as every form's). */
const DRAFT_SCOPE: DraftScope = { key: 'office-settings', what: 'office:settings.unsavedWork' };

const sameDraft = (a: Draft, b: Draft): boolean => JSON.stringify(a) === JSON.stringify(b);

function settingsOf(draft: Draft): OfficeSettings {
  const minutes = draft.lockAfterMinutes.trim();
  return {
    ...draft,
    // Not a whole number: NaN, which the shared schema refuses with its own message.
    lockAfterMinutes: /^\d{1,4}$/.test(minutes) ? Number(minutes) : Number.NaN,
  };
}

/** /office-settings: the office's names, address, hours and idle lock, and who changed them when. */
export function OfficeSettingsScreen() {
  const { t } = useTranslation('office');
  const me = useAppSelector((s) => s.session.user);
  const { office } = useDesk();
  if (!me || !managesUsers(me.role)) {
    return (
      <section className="screen">
        <h1>{t('settings.title')}</h1>
        <p role="alert">{t('settings.notAllowed')}</p>
      </section>
    );
  }
  if (!office) {
    return (
      <section className="screen">
        <h1>{t('settings.title')}</h1>
        <p role="alert">{t('settings.notSetUp')}</p>
      </section>
    );
  }
  // The draft starts from the profile; after a save it is what was saved, so it is kept (with the
  // notice that says it was saved).
  return <OfficeSettingsForm office={office} userId={me.id} />;
}

function OfficeSettingsForm({ office, userId }: { office: OfficeProfile; userId: string }) {
  const { t } = useTranslation('office');
  const { db, clock, officeSaved } = useDesk();
  const joined = useLive(async () => (await loadHubLink(db)) !== null, [db]);
  const history = useLive(() => officeSettingsHistory(db, office.officeId), [db, office.officeId]);
  const taken = useTakenDraft<Draft>(DRAFT_SCOPE);
  const [draft, setDraft] = useState<Draft>(() => taken.draft ?? draftOf(office));
  // Unsaved: what is typed differs from the office's settings as saved.
  const kept = useKeepOnLeave(taken, !sameDraft(draft, draftOf(office)), () => draft);
  const [error, setError] = useState<{ field: string | null; reason: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const district = office.kind === 'district';
  const language = useAppSelector((st) => st.preferences.language);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const result = await attemptWrite(() =>
      changeOfficeSettings(db, userId, settingsOf(draft), clock.nowMs()),
    );
    if (!result.ok) {
      setError({ field: 'field' in result ? (result.field ?? null) : null, reason: result.reason });
      return;
    }
    setError(null);
    kept.dismiss();
    if (result.changed) {
      setNotice(t('settings.saved'));
      officeSaved(result.profile);
    } else setNotice(t('settings.unchanged'));
  };

  const fieldError = (field: string) =>
    error && error.field === field ? (
      <p className="office-settings-error" role="alert" id={`office-${field}-error`}>
        {t(error.reason)}
      </p>
    ) : null;

  const text = (field: 'nameKk' | 'nameRu' | 'address', label: string) => (
    <div className="office-settings-field office-settings-wide">
      <label htmlFor={`office-${field}`}>{label}</label>
      <input
        id={`office-${field}`}
        type="text"
        value={draft[field]}
        aria-invalid={error?.field === field}
        aria-describedby={error?.field === field ? `office-${field}-error` : undefined}
        onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
      />
      {fieldError(field)}
    </div>
  );

  const hours = (group: 'workingHours' | 'intakeHours', labels: 'working' | 'intake') => (
    <fieldset className="office-settings-hours">
      <legend>
        {group === 'workingHours'
          ? t(district ? 'setup:office.workingHours_district' : 'setup:office.workingHours')
          : t('setup:office.intakeHours')}
      </legend>
      <div className="office-settings-hours-grid">
        {HOURS_FIELDS.map((key) => (
          <div className="office-settings-field" key={key}>
            <label htmlFor={`office-${group}-${key}`}>{t(`setup:office.${labels}.${key}`)}</label>
            <input
              id={`office-${group}-${key}`}
              type="text"
              inputMode="numeric"
              className="office-settings-time"
              maxLength={5}
              value={draft[group][key]}
              aria-invalid={error?.field === group}
              onChange={(e) =>
                setDraft({ ...draft, [group]: { ...draft[group], [key]: e.target.value } })
              }
            />
          </div>
        ))}
      </div>
      {fieldError(group)}
    </fieldset>
  );

  return (
    <section className="screen office-settings-screen">
      <h1>{t('settings.title')}</h1>
      <p className="office-settings-intro">{t('settings.intro')}</p>
      <div className="office-settings-layout">
        <form className="card office-settings-form" onSubmit={(e) => void submit(e)} noValidate>
          {kept.restored && (
            <p className="office-settings-restored" role="status">
              {t('settings.restored')}
            </p>
          )}
          <h2>{t('settings.names')}</h2>
          {text('nameKk', t(district ? 'setup:office.nameKk_district' : 'setup:office.nameKk'))}
          {text('nameRu', t(district ? 'setup:office.nameRu_district' : 'setup:office.nameRu'))}
          {text('address', t(district ? 'setup:office.address_district' : 'setup:office.address'))}
          <h2>{t('settings.hours')}</h2>
          {hours('workingHours', 'working')}
          {hours('intakeHours', 'intake')}
          <h2>{t('settings.lock')}</h2>
          <div className="office-settings-field">
            <label htmlFor="office-lockAfterMinutes">{t('setup:office.lockAfterMinutes')}</label>
            <input
              id="office-lockAfterMinutes"
              className="office-settings-minutes"
              type="text"
              inputMode="numeric"
              value={draft.lockAfterMinutes}
              aria-invalid={error?.field === 'lockAfterMinutes'}
              onChange={(e) => setDraft({ ...draft, lockAfterMinutes: e.target.value })}
            />
            <p className="office-settings-hint">{t('setup:office.lockHint')}</p>
            {fieldError('lockAfterMinutes')}
          </div>
          {error && error.field === null && (
            <p className="office-settings-error" role="alert">
              {t(error.reason)}
            </p>
          )}
          {notice && (
            <p className="office-settings-notice" role="status">
              {notice}
            </p>
          )}
          <div className="office-settings-actions">
            <button type="submit" className="office-settings-primary">
              {t('settings.save')}
            </button>
          </div>
        </form>
        <aside className="card office-settings-identity" aria-labelledby="office-identity-heading">
          <h2 id="office-identity-heading">{t('settings.identity')}</h2>
          <dl>
            <dt>{t(district ? 'setup:office.code_district' : 'setup:office.code')}</dt>
            <dd>{office.code}</dd>
            <dt>{t('settings.district')}</dt>
            <dd>
              {language === 'kk' ? office.districtKk : office.districtRu} ({office.districtId})
            </dd>
            <dt>{t('settings.deviceNo')}</dt>
            <dd>
              <strong>{office.deviceNo}</strong>
            </dd>
          </dl>
          <p className="office-settings-hint">
            {t(joined ? 'settings.deviceNoFromHub' : 'settings.deviceNoLocal')}
          </p>
          <p className="office-settings-hint">{t('settings.identityHint')}</p>
        </aside>
      </div>
      <section className="card office-settings-history" aria-labelledby="office-history-heading">
        <h2 id="office-history-heading">{t('settings.historyHeading')}</h2>
        {history && history.length === 0 && (
          <p className="office-settings-hint">{t('settings.historyEmpty')}</p>
        )}
        {history && history.length > 0 && <HistoryTable rows={history} />}
      </section>
    </section>
  );
}

function valueText(field: OfficeSettingField, value: unknown, t: TFunction): string {
  if (field === 'workingHours' || field === 'intakeHours')
    return t('office:settings.hoursValue', { ...(value as OfficeHoursProfile) });
  if (field === 'lockAfterMinutes') return t('office:settings.minutes', { count: value as number });
  return String(value);
}

function HistoryTable({ rows }: { rows: readonly OfficeSettingsHistoryRow[] }) {
  const { t } = useTranslation('office');
  return (
    <table className="office-settings-history-table">
      <thead>
        <tr>
          <th scope="col">{t('settings.historyColumns.at')}</th>
          <th scope="col">{t('settings.historyColumns.by')}</th>
          <th scope="col">{t('settings.historyColumns.change')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="office-settings-when">{formatDateTime(row.at)}</td>
            <td>{t('settings.by', { name: row.by, role: t(`users:roles.${row.role}`) })}</td>
            <td>
              <ul>
                {OFFICE_SETTING_FIELDS.filter((f) => f in row.after).map((f) => (
                  <li key={f}>
                    {t('settings.change', {
                      field: t(`settings.fields.${f}`),
                      before: valueText(f, row.before[f], t),
                      after: valueText(f, row.after[f], t),
                    })}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
