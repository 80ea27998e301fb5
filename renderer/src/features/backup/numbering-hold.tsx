import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { loadOfficeProfile, numberingHold, releaseNumberingHold, useLive } from '../../db';

/**
 * A restored desk's numbering hold (db backup.ts numberingHold), where numbers are drawn (intake)
 * and on the system page: why nothing is numbered and what lifts it. An office that had joined a
 * hub enrolls again (the hub card); one that never joined has the akim give this laptop a new number.
 */
export function NumberingHoldNotice({ withRelease = false }: { withRelease?: boolean }) {
  const { t } = useTranslation('backup');
  const { db } = useDesk();
  const hold = useLive(() => numberingHold(db), [db]);
  if (!hold) return null;
  return (
    <div className="backup-hold" role="alert">
      <strong>{t('hold.heading')}</strong>
      <p>
        {hold.hubUrl !== null
          ? t('hold.enroll', { hub: hold.hubUrl, deviceNo: hold.oldDeviceNo })
          : t('hold.noHub', { deviceNo: hold.oldDeviceNo })}
      </p>
      {!withRelease && hold.hubUrl !== null && <Link to="/system">{t('hold.toSystem')}</Link>}
      {withRelease && hold.hubUrl === null && <ReleaseForm oldDeviceNo={hold.oldDeviceNo} />}
    </div>
  );
}

function ReleaseForm({ oldDeviceNo }: { oldDeviceNo: number }) {
  const { t } = useTranslation('backup');
  const { db, clock, officeSaved } = useDesk();
  const user = useAppSelector((s) => s.session.user);
  const [confirmed, setConfirmed] = useState(false);
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!user || (user.role !== 'akim' && user.role !== 'districtHead')) {
    return <p>{t('hold.headOnly')}</p>;
  }
  const release = async () => {
    setError(null);
    const result = await releaseNumberingHold(
      db,
      { deviceNo: Number(number), userId: user.id, role: user.role },
      clock.nowMs(),
    );
    if (!result.ok) {
      setError(t(result.reason, { deviceNo: oldDeviceNo }));
      return;
    }
    const profile = await loadOfficeProfile(db);
    if (profile) officeSaved(profile);
  };
  return (
    <form
      className="backup-release"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void release();
      }}
    >
      <label className="backup-check">
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
        {t('hold.confirm', { deviceNo: oldDeviceNo })}
      </label>
      <label>
        {t('hold.newNumber')}
        <input inputMode="numeric" value={number} onChange={(e) => setNumber(e.target.value)} />
      </label>
      <button type="submit" className="backup-button" disabled={!confirmed || number === ''}>
        {t('hold.release')}
      </button>
      {error && <p className="system-error">{error}</p>}
    </form>
  );
}
