import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { getRegister, listRegisters, useLive, type RegisterView } from '../../db';
import { REGISTER_QUERY_PARAM } from '../akim';
import { RegisterBuilder } from './register-builder';
import { RegisterDetail } from './register-detail';
import './registers.css';

const MODE_PARAM = 'mode';

/**
 * Covering registers of cases forwarded to the district: the list, a new register, one register.
 * The selection lives in the address (?register=<id>, ?mode=new|edit), so the akim's inbox can link
 * straight to a register and the back button works.
 */
export function RegistersScreen() {
  const { t } = useTranslation('registers');
  const { db } = useDesk();
  const role = useAppSelector((s) => s.session.user?.role ?? null);
  const [params, setParams] = useSearchParams();
  const selectedId = params.get(REGISTER_QUERY_PARAM);
  const mode = params.get(MODE_PARAM);
  const registers = useLive(() => listRegisters(db), [db]);
  const selected = useLive(
    async () => (selectedId ? ((await getRegister(db, selectedId)) ?? null) : null),
    [db, selectedId],
  );

  const show = (next: { register?: string; mode?: 'new' | 'edit' }) => {
    const p = new URLSearchParams();
    if (next.register) p.set(REGISTER_QUERY_PARAM, next.register);
    if (next.mode) p.set(MODE_PARAM, next.mode);
    setParams(p);
  };
  const done = (register: RegisterView) => show({ register: register.id });
  const isSpecialist = role === 'specialist';

  let body;
  if (mode === 'new' && isSpecialist) {
    body = <RegisterBuilder onDone={done} onCancel={() => show({})} />;
  } else if (selectedId !== null && selected === undefined) {
    body = <p className="registers-muted">{t('loading')}</p>;
  } else if (selectedId !== null && selected === null) {
    body = (
      <article className="card registers-card">
        <p className="registers-error">{t('errors.notFound')}</p>
        <button type="button" className="registers-button" onClick={() => show({})}>
          {t('detail.back')}
        </button>
      </article>
    );
  } else if (selected && mode === 'edit' && isSpecialist && selected.status === 'draft') {
    body = (
      <RegisterBuilder
        register={selected}
        onDone={done}
        onCancel={() => show({ register: selected.id })}
      />
    );
  } else if (selected) {
    body = (
      <RegisterDetail
        register={selected}
        onEdit={() => show({ register: selected.id, mode: 'edit' })}
        onClose={() => show({})}
      />
    );
  } else {
    body = (
      <RegisterList
        registers={registers}
        onNew={isSpecialist ? () => show({ mode: 'new' }) : null}
      />
    );
  }

  return (
    <section className="screen registers-screen">
      <h1>{t('title')}</h1>
      {body}
    </section>
  );
}

function RegisterList({
  registers,
  onNew,
}: {
  registers: RegisterView[] | undefined;
  onNew: (() => void) | null;
}) {
  const { t } = useTranslation('registers');
  return (
    <article className="card registers-card" aria-labelledby="registers-list-heading">
      <div className="registers-detail-head">
        <h2 id="registers-list-heading">{t('list.heading')}</h2>
        {onNew && (
          <button
            type="button"
            className="registers-button registers-button--primary"
            onClick={onNew}
          >
            {t('list.new')}
          </button>
        )}
      </div>
      {registers === undefined ? (
        <p className="registers-muted">{t('loading')}</p>
      ) : registers.length === 0 ? (
        <p className="registers-empty">{t('list.empty')}</p>
      ) : (
        <table className="registers-table">
          <thead>
            <tr>
              <th>{t('columns.number')}</th>
              <th>{t('columns.date')}</th>
              <th>{t('columns.cases')}</th>
              <th>{t('columns.signature')}</th>
              <th>{t('columns.forwarded')}</th>
            </tr>
          </thead>
          <tbody>
            {registers.map((r) => (
              <tr key={r.id}>
                <td className="registers-nowrap">
                  <Link to={`?${REGISTER_QUERY_PARAM}=${encodeURIComponent(r.id)}`}>
                    {r.number}
                  </Link>
                </td>
                <td>{formatDate(r.date)}</td>
                <td>{r.caseIds.length}</td>
                <td>
                  {r.signature ? (
                    <span className="registers-status registers-status--signed">
                      {t('list.signedOn', { at: formatDateTime(r.signature.signedAt) })}
                    </span>
                  ) : (
                    <span className="registers-status registers-status--draft">
                      {t('list.notSigned')}
                    </span>
                  )}
                </td>
                <td>
                  {r.cancelled ? (
                    <span className="registers-status registers-status--cancelled">
                      {t('list.cancelledOn', { at: formatDateTime(r.cancelled.at) })}
                    </span>
                  ) : r.forwardedAt ? (
                    <span className="registers-status registers-status--forwarded">
                      {formatDateTime(r.forwardedAt)}
                    </span>
                  ) : (
                    <span className="registers-muted">{t('list.notForwarded')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
