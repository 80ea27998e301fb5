import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../../shared/time';
import { localDateTimeAt } from '../../platform';
import { ModalDialog } from '../session';
import { revokeDevice, type AdminContext, type AdminFailure } from './admin-client';
import type { DeviceRow, OfficeDevices } from './registry-view';
import { useFailureText } from './use-admin';

const at = (ms: number) => formatDateTime(localDateTimeAt(ms));
const on = (ms: number) => formatDate(localDateTimeAt(ms).slice(0, 10));

/** The desk being revoked (or just revoked): named by the caller's nameOf whenever drawn. */
interface Revoking {
  readonly row: DeviceRow;
  readonly officeId: string;
}

/**
 * The district's desks by office: number, enrolled, last sync, state, and Revoke (after a
 * confirmation naming office and desk) for every active desk but this one.
 */
export function DevicesSection({
  groups,
  nameOf,
  context,
  onRevoked,
}: {
  groups: readonly OfficeDevices[];
  nameOf: (officeId: string) => string;
  context: () => Promise<AdminContext>;
  onRevoked: () => void;
}) {
  const { t } = useTranslation('districtAdmin');
  const [revoking, setRevoking] = useState<Revoking | null>(null);
  const [notice, setNotice] = useState<Revoking | null>(null);

  return (
    <>
      {notice && (
        <p className="district-admin-notice" role="status">
          {t('devices.dialog.done', {
            office: nameOf(notice.officeId),
            no: notice.row.device.deviceNo,
          })}
        </p>
      )}
      {groups.map(({ officeId, devices }) => (
        <section
          key={officeId}
          className="district-admin-office-devices"
          aria-labelledby={`district-admin-devices-${officeId}`}
        >
          <h3 id={`district-admin-devices-${officeId}`}>{nameOf(officeId)}</h3>
          {devices.length === 0 ? (
            <p className="district-admin-muted">{t('devices.none')}</p>
          ) : (
            <div className="card district-admin-table-card">
              <table className="district-admin-table">
                <thead>
                  <tr>
                    <th scope="col">{t('devices.columns.number')}</th>
                    <th scope="col">{t('devices.columns.enrolled')}</th>
                    <th scope="col">{t('devices.columns.lastSeen')}</th>
                    <th scope="col">{t('devices.columns.state')}</th>
                    <th scope="col">{t('devices.columns.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {devices.map((row) => (
                    <tr
                      key={row.device.id}
                      className={
                        row.state.kind === 'revoked' ? 'district-admin-inactive' : undefined
                      }
                      data-testid="desk-row"
                    >
                      <th scope="row">
                        {t('devices.number', { no: row.device.deviceNo })}
                        {row.thisDesk && (
                          <span className="district-admin-hint"> ({t('devices.thisDesk')})</span>
                        )}
                      </th>
                      <td>{at(row.device.enrolledAtMs)}</td>
                      <td>
                        {row.device.lastSeenAtMs === null
                          ? t('devices.never')
                          : at(row.device.lastSeenAtMs)}
                      </td>
                      <td>
                        {row.state.kind === 'active'
                          ? t('devices.active')
                          : t('devices.revoked', { date: on(row.state.atMs) })}
                      </td>
                      <td>
                        {row.revocable && (
                          <button
                            type="button"
                            className="district-admin-danger-outline"
                            onClick={() => {
                              setNotice(null);
                              setRevoking({ row, officeId });
                            }}
                          >
                            {t('devices.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      {revoking && (
        <RevokeDialog
          revoking={revoking}
          officeName={nameOf(revoking.officeId)}
          context={context}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null);
            setNotice(revoking);
            onRevoked();
          }}
        />
      )}
    </>
  );
}

function RevokeDialog({
  revoking,
  officeName,
  context,
  onClose,
  onDone,
}: {
  revoking: Revoking;
  officeName: string;
  context: () => Promise<AdminContext>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('districtAdmin');
  const failureText = useFailureText();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<AdminFailure | null>(null);
  const names = { office: officeName, no: revoking.row.device.deviceNo };

  const confirm = async () => {
    setBusy(true);
    setFailed(null);
    const result = await revokeDevice(await context(), revoking.row.device.id);
    setBusy(false);
    if (result.ok) onDone();
    else setFailed(result);
  };

  return (
    <ModalDialog title={t('devices.dialog.heading')} onDismiss={onClose}>
      <p>{t('devices.dialog.body', names)}</p>
      <p>{t('devices.dialog.after')}</p>
      {failed && (
        <p className="district-admin-error" role="alert">
          {failureText(failed)}
        </p>
      )}
      <div className="district-admin-actions">
        <button
          type="button"
          className="district-admin-danger"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {busy ? t('devices.dialog.working') : t('devices.dialog.confirm')}
        </button>
        <button type="button" data-autofocus onClick={onClose}>
          {t('devices.dialog.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
