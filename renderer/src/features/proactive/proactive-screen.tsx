// Proactive assistance for holidays and memorable dates (R-PRO-1, 003:30; issue 9 §12), on the
// district department's desk: the occasion, the service, the okrug and the register's quarter; the
// recipients listed (all ticked); the cases opened in one go by openProactiveCases. The cases are then
// in the journal and go on to the decision, the head's signature and the notice like any other.
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localized, servicesInForce } from '../../../../shared/catalog';
import { OFFICE_ROLE_POLICY } from '../../../../shared/office';
import { compareKazakh } from '../../../../shared/text';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import {
  attemptWrite,
  deskOfficeDirectory,
  journalOfficeIds,
  openProactiveCases,
  proactiveCandidates,
  tsaQuarterCounts,
  useLive,
  type ProactiveBatchResult,
} from '../../db';
import { useActContext } from '../session';
import { officeLabel } from '../journal';
import { quarterLabel } from '../tsa-register';
import {
  buildBatch,
  OCCASION_PRESETS,
  occasionCode,
  okrugUnknown,
  presetDateText,
  shownCandidates,
  type OccasionPreset,
} from './proactive-form';
import './proactive.css';

/**
 * A field with its label above it, tied by id, so the control's accessible name is the label alone
 * (a label wrapped around a select or an input would add the value to it).
 */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="proactive-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

export function ProactiveScreen() {
  const { t } = useTranslation('proactive');
  const { db, clock, office } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const role = useAppSelector((s) => s.session.user?.role ?? null);
  const makeContext = useActContext();
  const today = clock.today();

  const services = useMemo(
    () => servicesInForce(today).filter((s) => s.service.proactive !== null),
    [today],
  );
  const [preset, setPreset] = useState<OccasionPreset>('victory-day');
  // The name as typed; until the person types one, a preset's name in the interface's language.
  const [typedName, setTypedName] = useState<string | null>(null);
  const name = typedName ?? (preset === 'other' ? '' : t(`occasion.presets.${preset}`));
  const [dateText, setDateText] = useState(() =>
    presetDateText('victory-day', Number(today.slice(0, 4))),
  );
  const [serviceId, setServiceId] = useState('');
  const [okrug, setOkrug] = useState('');
  const [quarter, setQuarter] = useState('');
  const [withoutCases, setWithoutCases] = useState(false);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [addresses, setAddresses] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ProactiveBatchResult | null>(null);

  const offices = useLive(async () => {
    const [directory, fromCases] = await Promise.all([
      deskOfficeDirectory(db),
      journalOfficeIds(db),
    ]);
    const akimats = (directory?.offices ?? []).filter((o) => o.kind === 'akimat').map((o) => o.id);
    const names = new Map((directory?.offices ?? []).map((o) => [o.id, o]));
    const ids = [...new Set([...akimats, ...fromCases])].filter(
      (id) => id !== office?.officeId && (names.get(id)?.kind ?? 'akimat') === 'akimat',
    );
    return ids
      .map((id) => ({ id, label: officeLabel(id, language, office, names) }))
      .sort((a, b) => compareKazakh(a.label, b.label));
  }, [db, language, office]);
  const quarters = useLive(() => tsaQuarterCounts(db), [db]);
  const chosenQuarter = quarter || quarters?.[0]?.quarter || '';
  const candidates = useLive(
    async () => (chosenQuarter ? proactiveCandidates(db, chosenQuarter) : []),
    [db, chosenQuarter],
  );
  const chosenService = serviceId || services[0]?.service.id || '';
  const shown = shownCandidates(candidates ?? [], okrug, withoutCases);
  const unknownOkrug = shown.filter(okrugUnknown).length;
  const ticked = new Set(shown.map((c) => c.iin).filter((iin) => !unticked.has(iin)));

  if (role !== OFFICE_ROLE_POLICY.district.staff) {
    return (
      <section className="screen proactive-screen">
        <h1>{t('title')}</h1>
        <p role="alert">{t('notAllowed')}</p>
      </section>
    );
  }

  const choosePreset = (next: OccasionPreset) => {
    setPreset(next);
    setTypedName(null);
    setDateText(presetDateText(next, Number(today.slice(0, 4))));
    setOutcome(null);
  };
  const tick = (iin: string, on: boolean) => {
    const next = new Set(unticked);
    if (on) next.delete(iin);
    else next.add(iin);
    setUnticked(next);
  };

  const open = async () => {
    if (!makeContext) return;
    const built = buildBatch({
      serviceId: chosenService,
      code: occasionCode(preset, name),
      name,
      dateText,
      okrug,
      shown,
      ticked,
      addresses,
    });
    if (!built.ok) {
      setOutcome(built);
      return;
    }
    setBusy(true);
    const result = await attemptWrite(() => openProactiveCases(db, built.batch, makeContext()));
    setBusy(false);
    setOutcome(result);
  };

  const failureText = (result: ProactiveBatchResult & { ok: false }): string => {
    const reason = t(result.reason);
    const who = result.iin ? shown.find((c) => c.iin === result.iin) : undefined;
    return result.iin
      ? t('failedFor', { name: who?.fullName ?? '', iin: result.iin, reason })
      : t('failed', { reason });
  };

  return (
    <section className="screen proactive-screen">
      <h1>{t('title')}</h1>
      <p className="proactive-lead">{t('lead')}</p>

      <fieldset className="proactive-fields">
        <legend>{t('occasion.heading')}</legend>
        <Field label={t('occasion.preset')}>
          {(id) => (
            <select
              id={id}
              value={preset}
              onChange={(e) => choosePreset(e.target.value as OccasionPreset)}
            >
              {OCCASION_PRESETS.map((p) => (
                <option key={p.code} value={p.code}>
                  {t(`occasion.presets.${p.code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('occasion.name')}>
          {(id) => (
            <input
              id={id}
              className="proactive-name"
              value={name}
              onChange={(e) => setTypedName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('occasion.date')}>
          {(id) => (
            <input
              id={id}
              className="proactive-date"
              value={dateText}
              inputMode="numeric"
              onChange={(e) => setDateText(e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <fieldset className="proactive-fields">
        <legend>{t('whom')}</legend>
        <Field label={t('service')}>
          {(id) =>
            services.length === 0 ? (
              <span id={id} role="alert">
                {t('noService')}
              </span>
            ) : (
              <select
                id={id}
                className="proactive-service"
                value={chosenService}
                onChange={(e) => setServiceId(e.target.value)}
              >
                {services.map((s) => (
                  <option key={s.service.id} value={s.service.id}>
                    {localized(s.service.name, language)}
                  </option>
                ))}
              </select>
            )
          }
        </Field>
        <Field label={t('okrug')}>
          {(id) => (
            <select
              id={id}
              value={okrug}
              onChange={(e) => {
                setOkrug(e.target.value);
                setUnticked(new Set());
                setOutcome(null);
              }}
            >
              <option value="">{t('chooseOkrug')}</option>
              {(offices ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('quarter')}>
          {(id) => (
            <select
              id={id}
              value={chosenQuarter}
              onChange={(e) => {
                setQuarter(e.target.value);
                setUnticked(new Set());
              }}
            >
              {(quarters ?? []).map((q) => (
                <option key={q.quarter} value={q.quarter}>
                  {quarterLabel(t, q.quarter)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {offices?.length === 0 && <p className="proactive-note">{t('noOkrugs')}</p>}
        {quarters?.length === 0 && <p className="proactive-note">{t('noQuarters')}</p>}
        <p className="proactive-note">{t('okrugNote')}</p>
        <label className="proactive-check">
          <input
            type="checkbox"
            checked={withoutCases}
            onChange={(e) => setWithoutCases(e.target.checked)}
          />
          {t('withoutCases')}
        </label>
      </fieldset>

      <h2>{t('recipients.heading')}</h2>
      {candidates === undefined ? (
        <p>{t('loading')}</p>
      ) : shown.length === 0 ? (
        <p>{t('recipients.empty')}</p>
      ) : (
        <>
          <p className="proactive-count">
            <span>{t('recipients.count', { shown: shown.length, ticked: ticked.size })}</span>{' '}
            <button type="button" onClick={() => setUnticked(new Set())}>
              {t('recipients.all')}
            </button>{' '}
            <button type="button" onClick={() => setUnticked(new Set(shown.map((c) => c.iin)))}>
              {t('recipients.none')}
            </button>
          </p>
          {unknownOkrug > 0 && (
            <p className="proactive-note">
              {t('recipients.okrugUnknownNote', { count: unknownOkrug })}
            </p>
          )}
          <table className="proactive-table">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t('recipients.iin')}</th>
                <th scope="col">{t('recipients.name')}</th>
                <th scope="col">{t('recipients.address')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.iin}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={c.fullName}
                      checked={ticked.has(c.iin)}
                      onChange={(e) => tick(c.iin, e.target.checked)}
                    />
                  </td>
                  <td>{c.iin}</td>
                  <td>
                    {c.fullName}
                    {okrugUnknown(c) && (
                      <span className="proactive-okrug-unknown">
                        {t('recipients.okrugUnknown')}
                      </span>
                    )}
                  </td>
                  <td>
                    {c.known ? (
                      t('recipients.addressKnown')
                    ) : (
                      <input
                        className="proactive-address"
                        aria-label={`${t('recipients.address')}: ${c.fullName}`}
                        placeholder={t('recipients.addressPlaceholder')}
                        value={addresses[c.iin] ?? ''}
                        onChange={(e) => setAddresses({ ...addresses, [c.iin]: e.target.value })}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <p>
        <button
          type="button"
          className="proactive-open"
          disabled={busy || ticked.size === 0 || !makeContext}
          onClick={() => void open()}
        >
          {busy ? t('opening') : t('open', { count: ticked.size })}
        </button>
      </p>

      {outcome && !outcome.ok && (
        <p className="proactive-error" role="alert">
          {failureText(outcome)}
        </p>
      )}
      {outcome?.ok && (
        <div className="proactive-result" role="status">
          <p>{t('result.opened', { count: outcome.opened.length })}</p>
          {outcome.skipped.length > 0 && (
            <>
              <p>{t('result.skipped', { count: outcome.skipped.length })}</p>
              <ul>
                {outcome.skipped.map((s) => (
                  <li key={`${s.iin}-${s.caseId ?? 'twice'}`}>
                    {s.caseId === null ? (
                      t('result.twice', { name: s.name, iin: s.iin })
                    ) : (
                      <>
                        {t('result.alreadyHas', { name: s.name, iin: s.iin })}{' '}
                        <Link to={`/cases/${s.caseId}`}>{t('result.openCase')}</Link>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
