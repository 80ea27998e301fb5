import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateIin } from '../../../../shared/identity';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import {
  attemptWrite,
  deleteTsaQuarter,
  searchTsaRecipients,
  tsaQuarterCounts,
  useLive,
  type TsaQuarterSummary,
} from '../../db';
import { formatNumber } from '../../i18n';
import { localDateTimeAt } from '../../platform';
import { quarterOf } from '../../../../shared/tsa-register';
import { quarterLabel } from './quarter-label';
import { TsaImportCard } from './tsa-import-card';
import './tsa-register.css';

/** The local register of TSA recipients: what is loaded per quarter, the import, and a lookup. */
export function TsaRegisterScreen() {
  const { t } = useTranslation('tsaRegister');
  return (
    <section className="screen tsa-screen">
      <h1>{t('title')}</h1>
      <p className="tsa-lead">{t('lead')}</p>
      <div className="tsa-grid">
        <QuartersCard />
        <SearchCard />
      </div>
      <TsaImportCard />
    </section>
  );
}

function QuartersCard() {
  const { t } = useTranslation('tsaRegister');
  const { db, clock } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const quarters = useLive(() => tsaQuarterCounts(db), [db]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const current = quarterOf(clock.today());
  const remove = async (quarter: string) => {
    setFailure(null);
    const removed = await attemptWrite(async () => {
      await deleteTsaQuarter(db, quarter);
      return { ok: true as const };
    });
    if (removed.ok) setConfirming(null);
    else setFailure(removed.reason);
  };
  const hasCurrent = quarters?.some((q) => q.quarter === current) ?? false;

  return (
    <article className="card tsa-card">
      <h2>{t('quarters.heading')}</h2>
      {quarters === undefined ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          {!hasCurrent && (
            <p className="tsa-warning" role="alert">
              {t('quarters.currentMissing', { quarter: quarterLabel(t, current) })}
            </p>
          )}
          {quarters.length === 0 ? (
            <p>{t('quarters.empty')}</p>
          ) : (
            <table className="tsa-table">
              <thead>
                <tr>
                  <th scope="col">{t('columns.quarter')}</th>
                  <th scope="col">{t('quarters.count')}</th>
                  <th scope="col">{t('quarters.imported')}</th>
                  <th scope="col">
                    <span className="tsa-sr">{t('quarters.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {quarters.map((q: TsaQuarterSummary) => (
                  <tr key={q.quarter} className={q.quarter === current ? 'tsa-current' : undefined}>
                    <td>
                      {quarterLabel(t, q.quarter)}
                      {q.quarter === current && (
                        <span className="tsa-tag">{t('quarters.current')}</span>
                      )}
                    </td>
                    <td>{formatNumber(q.count, language)}</td>
                    <td>
                      {formatDateTime(localDateTimeAt(q.lastImportedAtMs))}
                      <div className="tsa-hint">{q.lastSource}</div>
                    </td>
                    <td>
                      {confirming === q.quarter ? (
                        <span className="tsa-confirm">
                          <button
                            type="button"
                            className="tsa-danger"
                            onClick={() => void remove(q.quarter)}
                          >
                            {t('quarters.confirmDelete', { quarter: quarterLabel(t, q.quarter) })}
                          </button>
                          <button type="button" onClick={() => setConfirming(null)}>
                            {t('import.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" onClick={() => setConfirming(q.quarter)}>
                          {t('quarters.delete')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {failure && (
            <p className="tsa-bad" role="alert">
              {t(failure)}
            </p>
          )}
        </>
      )}
    </article>
  );
}

function SearchCard() {
  const { t } = useTranslation('tsaRegister');
  const { db } = useDesk();
  const id = useId();
  const [query, setQuery] = useState('');
  const digits = query.replace(/\D/g, '');
  const results = useLive(
    () => (digits.length === 12 ? searchTsaRecipients(db, digits) : Promise.resolve(null)),
    [db, digits],
  );
  const complete = digits.length === 12 ? validateIin(digits) : null;

  return (
    <article className="card tsa-card">
      <h2>{t('search.heading')}</h2>
      <div className="tsa-field">
        <label htmlFor={id}>{t('search.label')}</label>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="tsa-hint">{t('search.hint')}</div>
        {complete && !complete.ok && (
          <p className="tsa-bad" role="alert">
            {t(complete.reason)}
          </p>
        )}
      </div>
      {results === null || results === undefined ? null : results.length === 0 ? (
        <p role="status">{t('search.none')}</p>
      ) : (
        <table className="tsa-table">
          <thead>
            <tr>
              <th scope="col">{t('columns.iin')}</th>
              <th scope="col">{t('columns.fullName')}</th>
              <th scope="col">{t('columns.quarter')}</th>
              <th scope="col">{t('columns.familyMembers')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={`${r.iin}|${r.quarter}`}>
                <td className="tsa-mono">{r.iin}</td>
                <td>{r.fullName}</td>
                <td>{quarterLabel(t, r.quarter)}</td>
                <td>{r.familyMembers.join('; ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
