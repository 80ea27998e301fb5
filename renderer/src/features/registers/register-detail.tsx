import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { compareRegisterEvents } from '../../../../shared/registers';
import { formatDate, formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { casePath, printPath } from '../../app/paths';
import {
  cancelRegister,
  forwardRegister,
  loadRegisterDocument,
  registerCaseRows,
  registerEventsOf,
  setRegisterCases,
  signRegister,
  useLive,
  type BlockedCase,
  type RegisterView,
  writeFailure,
} from '../../db';
import { serviceName, SignWithPinDialog } from '../akim';
import { WorkStatus } from '../journal';
import { useActContext } from '../session';
import { BlockedList } from './blocked-list';
import { downloadTextFile } from './download';
import { exportRegisterFile } from './register-file';
import './registers.css';

export interface RegisterDetailProps {
  register: RegisterView;
  onEdit: () => void;
  onClose: () => void;
}

type Confirm = 'forward' | 'cancel' | null;
type Failure = { reason: string; blocked: readonly BlockedCase[] } | null;

/** How many case lines the signing dialog lists before "and N more". */
const SUMMARY_CASES = 5;

/**
 * One register: its cases and what may be done with it now — edit and sign while it is a draft;
 * print, forward to the district and export to a file once the akim has signed it; cancel (with a
 * reason once signed) until it is forwarded. A cancelled register stays, shown as cancelled.
 */
export function RegisterDetail({ register, onEdit, onClose }: RegisterDetailProps) {
  const { t } = useTranslation(['registers', 'case']);
  const { db, clock, office } = useDesk();
  const user = useAppSelector((s) => s.session.user);
  const language = useAppSelector((s) => s.preferences.language);
  const act = useActContext();
  const rows = useLive(() => registerCaseRows(db, register), [db, register]);
  // The register's own log, with the names of those who acted (a handful of users on a desk).
  const log = useLive(() => registerEventsOf(db, register.id), [db, register]);
  const people = useLive(() => db.users.toArray(), [db]);
  const [signing, setSigning] = useState(false);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [includeScans, setIncludeScans] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const scansId = useId();
  const reasonId = useId();
  const now = clock.nowLocal();

  // What the akim signs: the document over the cases' current logs. Only a draft is signed, and
  // its identity changes only when the register or the office does, as the dialog asks.
  const draftDocument = useLive(
    async () =>
      register.status === 'draft' && office
        ? await loadRegisterDocument(db, register.id, office)
        : null,
    [db, register, office],
  );
  const document = draftDocument?.ok ? draftDocument.document : null;

  if (rows === undefined) return <p className="registers-muted">{t('registers:loading')}</p>;

  const nameOf = (id: string | undefined) => people?.find((p) => p?.id === id)?.name ?? id ?? '—';
  const role = user?.role ?? null;
  const status = register.status;
  const signed = register.signature !== null;
  const isDraft = status === 'draft';
  const open = status === 'draft' || status === 'signed';
  const isSpecialist = role === 'specialist';
  const isAkim = role === 'akim';

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await action();
    } catch (error) {
      // The database refused the write (a full disk…): said in words, nothing typed is cleared.
      setFailure({ reason: writeFailure(error).reason, blocked: [] });
    } finally {
      setBusy(false);
    }
  };

  const removeCase = (caseId: string) =>
    run(async () => {
      const rest = register.caseIds.filter((id) => id !== caseId);
      if (rest.length === 0) {
        setFailure({ reason: 'registers:errors.lastCase', blocked: [] });
        return;
      }
      if (!act) return;
      const result = await setRegisterCases(db, register.id, rest, act());
      if (!result.ok) setFailure({ reason: result.reason, blocked: result.blocked ?? [] });
    });

  const forward = () =>
    run(async () => {
      setConfirm(null);
      if (!act) return;
      const result = await forwardRegister(db, register.id, act());
      if (result.ok) {
        setNotice(t('registers:messages.forwarded', { count: register.caseIds.length }));
      } else {
        setFailure({ reason: result.reason, blocked: result.blocked ?? [] });
      }
    });

  const cancel = () =>
    run(async () => {
      if (!act) return;
      const result = await cancelRegister(db, register.id, cancelReason, act());
      if (result.ok) {
        setConfirm(null);
        setCancelReason('');
        setNotice(t('registers:messages.cancelled', { number: register.number }));
      } else {
        setFailure({ reason: result.reason, blocked: [] });
      }
    });

  const exportFile = () =>
    run(async () => {
      if (!office) return;
      const built = await exportRegisterFile(db, register.id, office, {
        exportedAt: clock.nowLocal(),
        includeContent: includeScans,
      });
      if (!built.ok) {
        setFailure({ reason: built.reason, blocked: [] });
        return;
      }
      downloadTextFile(built.json, built.fileName, 'application/json');
      setNotice(
        [
          t('registers:messages.exported', { name: built.fileName }),
          ...(built.missingScans > 0
            ? [t('registers:messages.scansMissing', { count: built.missingScans })]
            : []),
        ].join(' '),
      );
    });

  const summary = [
    t('registers:sign.summaryDate', { date: formatDate(register.date) }),
    t('registers:sign.summaryCases', { count: rows.length }),
    ...(office
      ? [
          t('registers:sign.summaryOffice', {
            name: language === 'kk' ? office.nameKk : office.nameRu,
          }),
        ]
      : []),
    ...rows
      .slice(0, SUMMARY_CASES)
      .map((r) => t('registers:sign.summaryCase', { number: r.number, name: r.applicantName })),
    ...(rows.length > SUMMARY_CASES
      ? [t('registers:sign.summaryMore', { count: rows.length - SUMMARY_CASES })]
      : []),
  ];

  return (
    <article className="card registers-card" aria-labelledby="registers-detail-heading">
      <div className="registers-detail-head">
        <h2 id="registers-detail-heading">
          {t('registers:detail.heading', {
            number: register.number,
            date: formatDate(register.date),
          })}
        </h2>
        <button type="button" className="registers-button" onClick={onClose}>
          {t('registers:detail.back')}
        </button>
      </div>
      <dl className="registers-facts">
        <dt>{t('registers:detail.createdBy')}</dt>
        <dd>{nameOf(register.createdBy)}</dd>
        <dt>{t('registers:detail.signature')}</dt>
        <dd>
          {register.signature ? (
            <span
              className={`registers-status ${
                register.cancelled ? 'registers-status--cancelled' : 'registers-status--signed'
              }`}
            >
              {t('registers:detail.signedBy', {
                name: nameOf(register.signature.signerId),
                at: formatDateTime(register.signature.signedAt),
              })}
            </span>
          ) : isDraft ? (
            <span className="registers-status registers-status--draft">
              {t('registers:detail.awaitingSignature')}
            </span>
          ) : (
            t('registers:detail.notSigned')
          )}
        </dd>
        <dt>{t('registers:detail.forwarding')}</dt>
        <dd>
          {register.forwardedAt ? (
            <span className="registers-status registers-status--forwarded">
              {t('registers:detail.forwardedAt', { at: formatDateTime(register.forwardedAt) })}
            </span>
          ) : (
            t('registers:detail.notForwarded')
          )}
        </dd>
        {register.cancelled && (
          <>
            <dt>{t('registers:detail.cancellation')}</dt>
            <dd>
              <span className="registers-status registers-status--cancelled">
                {t('registers:detail.cancelledBy', {
                  name: nameOf(register.cancelled.byUserId),
                  at: formatDateTime(register.cancelled.at),
                })}
              </span>
              {register.cancelled.reason && (
                <div>
                  {t('registers:detail.cancelReason', { reason: register.cancelled.reason })}
                </div>
              )}
              {register.cancelled.wasSigned && (
                <div className="registers-muted registers-small">
                  {t('registers:detail.signatureVoid')}
                </div>
              )}
            </dd>
          </>
        )}
      </dl>

      {log && log.length > 0 && (
        <details className="registers-history">
          <summary>{t('registers:detail.history')}</summary>
          <ol>
            {[...log].sort(compareRegisterEvents).map((e) => (
              <li key={e.id}>
                {t('registers:detail.historyLine', {
                  at: formatDateTime(e.legalTime),
                  event: t(`registers:events.${e.type}`),
                  name: nameOf(e.actor.userId),
                })}
              </li>
            ))}
          </ol>
        </details>
      )}

      <table className="registers-table">
        <thead>
          <tr>
            <th>{t('registers:columns.index')}</th>
            <th>{t('registers:columns.case')}</th>
            <th>{t('registers:columns.registered')}</th>
            <th>{t('registers:columns.applicant')}</th>
            <th>{t('registers:columns.service')}</th>
            <th>{t('registers:columns.stage')}</th>
            <th>{t('registers:columns.due')}</th>
            {isDraft && isSpecialist && <th>{t('registers:columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id}>
              <td>{i + 1}</td>
              <td className="registers-nowrap">
                <Link to={casePath(row.id)}>{row.number}</Link>
              </td>
              <td>{formatDate(row.date)}</td>
              <td>
                {row.applicantName}
                <div className="registers-muted registers-small">
                  {t('registers:iin', { iin: row.iin })}
                </div>
              </td>
              <td>{serviceName(row.serviceId, language)}</td>
              <td>{t(`case:stages.${row.stage}`)}</td>
              <td>
                <WorkStatus row={row} now={now} />
              </td>
              {isDraft && isSpecialist && (
                <td>
                  <button
                    type="button"
                    className="registers-button registers-button--small"
                    disabled={busy}
                    onClick={() => void removeCase(row.id)}
                  >
                    {t('registers:actions.removeCase')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length < register.caseIds.length && (
        <p className="registers-error">{t('registers:errors.rowsMissing')}</p>
      )}

      {notice && (
        <p className="registers-success" role="status">
          {notice}
        </p>
      )}
      {failure && <BlockedList reason={failure.reason} blocked={failure.blocked} />}

      {confirm === 'forward' && (
        <div className="registers-confirm" role="alertdialog" aria-labelledby="registers-confirm">
          <p id="registers-confirm">
            {t('registers:actions.forwardConfirm', { count: register.caseIds.length })}
          </p>
          <button
            type="button"
            className="registers-button registers-button--primary"
            disabled={busy}
            onClick={() => void forward()}
          >
            {t('registers:actions.confirmForward')}
          </button>
          <button type="button" className="registers-button" onClick={() => setConfirm(null)}>
            {t('registers:actions.keep')}
          </button>
        </div>
      )}
      {confirm === 'cancel' && (
        <div className="registers-confirm" role="alertdialog" aria-labelledby="registers-confirm">
          <p id="registers-confirm">
            {signed
              ? t('registers:actions.cancelSignedConfirm')
              : t('registers:actions.cancelConfirm')}
          </p>
          <div className="registers-field">
            <label htmlFor={reasonId}>
              {signed
                ? t('registers:actions.cancelReason')
                : t('registers:actions.cancelReasonOptional')}
            </label>
            <textarea
              id={reasonId}
              value={cancelReason}
              required={signed}
              onChange={(event) => setCancelReason(event.target.value)}
            />
          </div>
          <button
            type="button"
            className="registers-button registers-button--danger"
            disabled={busy || (signed && cancelReason.trim() === '')}
            onClick={() => void cancel()}
          >
            {t('registers:actions.confirmCancel')}
          </button>
          <button type="button" className="registers-button" onClick={() => setConfirm(null)}>
            {t('registers:actions.keep')}
          </button>
        </div>
      )}

      <div className="registers-actions">
        {isDraft && isAkim && (
          <button
            type="button"
            className="registers-button registers-button--primary"
            disabled={busy || document === null}
            onClick={() => {
              setNotice(null);
              setFailure(null);
              setSigning(true);
            }}
          >
            {t('registers:actions.sign')}
          </button>
        )}
        {isDraft && isSpecialist && (
          <>
            <span className="registers-muted">{t('registers:detail.akimSigns')}</span>
            <button type="button" className="registers-button" onClick={onEdit} disabled={busy}>
              {t('registers:actions.edit')}
            </button>
          </>
        )}
        {status === 'signed' && isSpecialist && (
          <button
            type="button"
            className="registers-button registers-button--primary"
            disabled={busy || !act}
            onClick={() => setConfirm('forward')}
          >
            {t('registers:actions.forward')}
          </button>
        )}
        <Link className="registers-button" to={printPath('register', register.id, 'kk')}>
          {t('registers:actions.printKk')}
        </Link>
        <Link className="registers-button" to={printPath('register', register.id, 'ru')}>
          {t('registers:actions.printRu')}
        </Link>
        {open && isSpecialist && (
          <button
            type="button"
            className="registers-button registers-button--danger-outline"
            disabled={busy}
            onClick={() => setConfirm('cancel')}
          >
            {t('registers:actions.cancelRegister')}
          </button>
        )}
      </div>

      {(status === 'signed' || status === 'forwarded') && (
        <div className="registers-export">
          <h3>{t('registers:export.heading')}</h3>
          <p className="registers-muted">{t('registers:export.hint')}</p>
          <label className="registers-check" htmlFor={scansId}>
            <input
              id={scansId}
              type="checkbox"
              checked={includeScans}
              onChange={(event) => setIncludeScans(event.target.checked)}
            />
            {t('registers:export.includeScans')}
          </label>
          <button
            type="button"
            className="registers-button"
            disabled={busy || !office}
            onClick={() => void exportFile()}
          >
            {t('registers:export.save')}
          </button>
        </div>
      )}

      {signing && document !== null && user && (
        <SignWithPinDialog
          title={t('registers:sign.title', { number: register.number })}
          summary={summary}
          document={document}
          onCancel={() => setSigning(false)}
          onSigned={async (signature, signedAt) => {
            if (!act) return 'registers:errors.notFound';
            // The act happens when the akim signed, as the dialog records it.
            const result = await signRegister(db, register.id, signature, {
              ...act(),
              legalTime: signedAt,
            }).catch(writeFailure);
            if (!result.ok) return result.reason;
            setSigning(false);
            setNotice(t('registers:messages.signed', { number: register.number }));
            return null;
          }}
        />
      )}
    </article>
  );
}
