import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchKey } from '../../../../shared/text';
import { datePart, formatDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import {
  createRegister,
  forwardableCases,
  setRegisterCases,
  useLive,
  type BlockedCase,
  type ForwardableCase,
  type RegisterView,
  writeFailure,
} from '../../db';
import { serviceName } from '../akim';
import { WorkStatus } from '../journal';
import { useActContext } from '../session';
import { BlockedList } from './blocked-list';
import './registers.css';

export interface RegisterBuilderProps {
  /** The register whose cases are edited; absent for a new register. */
  register?: RegisterView;
  onDone: (register: RegisterView) => void;
  onCancel: () => void;
}

function matches(item: ForwardableCase, query: string): boolean {
  if (query === '') return true;
  const row = item.row;
  return searchKey(`${row.applicantName} ${row.iin} ${row.number}`).includes(query);
}

/**
 * Picks the cases of a register among those the specialist may forward now (after the akim's
 * resolution, or after the village commission's act), oldest registration first.
 */
export function RegisterBuilder({ register, onDone, onCancel }: RegisterBuilderProps) {
  const { t } = useTranslation(['registers', 'case']);
  const { db, clock, office } = useDesk();
  const act = useActContext();
  const language = useAppSelector((s) => s.preferences.language);
  const cases = useLive(() => forwardableCases(db), [db]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(register?.caseIds ?? []),
  );
  const [query, setQuery] = useState('');
  const [failure, setFailure] = useState<{
    reason: string;
    blocked: readonly BlockedCase[];
  } | null>(null);
  const [saving, setSaving] = useState(false);
  const searchId = useId();
  const allId = useId();
  const now = clock.nowLocal();

  const selectable = useMemo(
    () => (cases ?? []).filter((c) => c.inRegister === null || c.inRegister.id === register?.id),
    [cases, register?.id],
  );
  const folded = searchKey(query);
  const shown = useMemo(() => (cases ?? []).filter((c) => matches(c, folded)), [cases, folded]);

  if (cases === undefined) return <p className="registers-muted">{t('registers:loading')}</p>;

  const shownSelectable = shown.filter((c) => selectable.includes(c));
  const allShownSelected =
    shownSelectable.length > 0 && shownSelectable.every((c) => selected.has(c.row.id));
  // The register keeps the order of the list (oldest first), whatever order the boxes were ticked in.
  const chosen = selectable.filter((c) => selected.has(c.row.id)).map((c) => c.row.id);

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const toggleAll = () => {
    const next = new Set(selected);
    for (const c of shownSelectable) {
      if (allShownSelected) next.delete(c.row.id);
      else next.add(c.row.id);
    }
    setSelected(next);
  };

  const save = async () => {
    if (!act || !office) return;
    setSaving(true);
    setFailure(null);
    try {
      const result = register
        ? await setRegisterCases(db, register.id, chosen, act())
        : await createRegister(
            db,
            {
              id: crypto.randomUUID(),
              caseIds: chosen,
              numbering: { officeCode: office.code, deviceNo: office.deviceNo },
            },
            act(),
          );
      if (result.ok) onDone(result.register);
      else setFailure({ reason: result.reason, blocked: result.blocked ?? [] });
    } catch (error) {
      // The database refused the write (a full disk…): said in words, the choice stays on screen.
      setFailure({ reason: writeFailure(error).reason, blocked: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <article className="card registers-card">
      <h2>
        {register
          ? t('registers:builder.editHeading', { number: register.number })
          : t('registers:builder.heading')}
      </h2>
      <p className="registers-muted">{t('registers:builder.hint')}</p>
      {cases.length === 0 ? (
        <p className="registers-empty">{t('registers:builder.empty')}</p>
      ) : (
        <>
          <div className="registers-toolbar">
            <div className="registers-field">
              <label htmlFor={searchId}>{t('registers:builder.search')}</label>
              <input
                id={searchId}
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
            <label className="registers-check" htmlFor={allId}>
              <input
                id={allId}
                type="checkbox"
                checked={allShownSelected}
                disabled={shownSelectable.length === 0}
                onChange={toggleAll}
              />
              {t('registers:builder.selectAll')}
            </label>
          </div>
          <table className="registers-table">
            <thead>
              <tr>
                <th>{t('registers:columns.case')}</th>
                <th>{t('registers:columns.registered')}</th>
                <th>{t('registers:columns.applicant')}</th>
                <th>{t('registers:columns.service')}</th>
                <th>{t('registers:columns.stage')}</th>
                <th>{t('registers:columns.due')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => {
                const free = selectable.includes(item);
                const checked = selected.has(item.row.id);
                return (
                  <tr key={item.row.id} className={checked ? 'registers-row--selected' : undefined}>
                    <td>
                      <label className="registers-check registers-nowrap">
                        <input
                          type="checkbox"
                          checked={checked && free}
                          disabled={!free}
                          onChange={() => toggle(item.row.id)}
                        />
                        {item.row.number}
                      </label>
                      {!free && item.inRegister && (
                        <div className="registers-muted registers-small">
                          {t('registers:builder.inOther', { number: item.inRegister.number })}
                        </div>
                      )}
                    </td>
                    <td>{formatDate(item.row.date)}</td>
                    <td>
                      {item.row.applicantName}
                      <div className="registers-muted registers-small">
                        {t('registers:iin', { iin: item.row.iin })}
                      </div>
                    </td>
                    <td>{serviceName(item.row.serviceId, language)}</td>
                    <td>
                      {t(`case:stages.${item.row.stage}`)}
                      <div className="registers-muted registers-small">
                        {item.completionReturn
                          ? t('registers:builder.againAfterReturn', {
                              date: formatDate(datePart(item.completionReturn.at)),
                              documents: item.completionReturn.missingDocuments
                                .map((d) => d.text)
                                .join('; '),
                            })
                          : item.commissionAct
                            ? t('registers:builder.withCommission', {
                                date: formatDate(item.commissionAct.actDate),
                              })
                            : t('registers:builder.withoutCommission')}
                      </div>
                    </td>
                    <td>
                      <WorkStatus row={item.row} now={now} />
                    </td>
                  </tr>
                );
              })}
              {shown.length === 0 && (
                <tr>
                  <td colSpan={6} className="registers-muted">
                    {t('registers:builder.nothingFound')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
      {failure && <BlockedList reason={failure.reason} blocked={failure.blocked} />}
      {!office && <p className="registers-error">{t('registers:errors.numbering')}</p>}
      <div className="registers-actions">
        <span className="registers-muted">
          {t('registers:builder.selected', { count: chosen.length })}
        </span>
        <button
          type="button"
          className="registers-button registers-button--primary"
          disabled={saving || chosen.length === 0 || !office || !act}
          onClick={() => void save()}
        >
          {register
            ? t('registers:builder.save')
            : t('registers:builder.create', { count: chosen.length })}
        </button>
        <button type="button" className="registers-button" onClick={onCancel} disabled={saving}>
          {t('registers:builder.cancel')}
        </button>
      </div>
    </article>
  );
}
