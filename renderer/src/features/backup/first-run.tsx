import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupHeader } from '../../../../shared/backup';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { backupFileHeader, backupPrimitives, restoreBackup } from '../../db';
import { localDateTimeAt } from '../../platform';
import { SetupWizard } from '../setup';
import { originNote, rememberDataOrigin } from './data-origin';
import './backup.css';

/**
 * While the desk serves an office, a browser desk leaves a cookie naming its address, which every
 * other port of this computer reads (data-origin.ts).
 */
export function useRememberDataOrigin(hasOffice: boolean): void {
  useEffect(() => {
    if (hasOffice) rememberDataOrigin(document, window.location.origin);
  }, [hasOffice]);
}

type Mode = 'note' | 'wizard' | 'restore';

/**
 * A desk with no office. In a browser that finds a note of another address of this computer holding
 * an office, it says so first (and offers that address, a restore, or a new setup anyway);
 * otherwise the setup wizard, with "restore from a backup" beside it.
 */
export function FirstRun() {
  const { appInfo } = useDesk();
  const note = useMemo(
    () =>
      appInfo.shell === 'browser' ? originNote(document.cookie, window.location.origin) : null,
    [appInfo.shell],
  );
  const [mode, setMode] = useState<Mode>(note ? 'note' : 'wizard');
  if (mode === 'restore') return <RestorePanel onBack={() => setMode(note ? 'note' : 'wizard')} />;
  if (mode === 'note' && note) {
    return (
      <OriginNotice
        note={note}
        onRestore={() => setMode('restore')}
        onNew={() => setMode('wizard')}
      />
    );
  }
  return (
    <>
      <SetupWizard />
      <RestoreOffer onRestore={() => setMode('restore')} />
    </>
  );
}

function RestoreOffer({ onRestore }: { onRestore: () => void }) {
  const { t } = useTranslation('backup');
  return (
    <button type="button" className="backup-restore-offer" onClick={onRestore}>
      {t('restore.offer')}
    </button>
  );
}

function Page({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="setup-page">
      <header className="setup-header">
        <span className="app-name">Akimat Desk</span>
        <span className="setup-header-title">{title}</span>
      </header>
      <main className="setup-main backup-first-run">{children}</main>
    </div>
  );
}

function OriginNotice({
  note,
  onRestore,
  onNew,
}: {
  note: NonNullable<ReturnType<typeof originNote>>;
  onRestore: () => void;
  onNew: () => void;
}) {
  const { t } = useTranslation('backup');
  return (
    <Page title={t('origin.title')}>
      <section className="setup-card backup-origin" aria-labelledby="backup-origin-heading">
        <h1 id="backup-origin-heading">{t(`origin.heading.${note.kind}`)}</h1>
        <p>{t(`origin.text.${note.kind}`, { origin: note.origin })}</p>
        <dl>
          <dt>{t('origin.here')}</dt>
          <dd>{window.location.origin}</dd>
          <dt>{t('origin.data')}</dt>
          <dd>{note.origin}</dd>
        </dl>
        <p className="system-hint">{t('origin.explain')}</p>
        <div className="backup-actions">
          {note.kind === 'elsewhere' && (
            <a className="backup-button" href={`${note.origin}/`}>
              {t('origin.open', { origin: note.origin })}
            </a>
          )}
          <button
            type="button"
            className="backup-button backup-button--secondary"
            onClick={onRestore}
          >
            {t('restore.offer')}
          </button>
          <button type="button" className="backup-button backup-button--secondary" onClick={onNew}>
            {t('origin.newOffice')}
          </button>
        </div>
      </section>
    </Page>
  );
}

/** Restore from a backup file: choose it, see whose it is, type the passphrase, restore. */
function RestorePanel({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation('backup');
  const { db, clock, officeSaved, appInfo } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const [file, setFile] = useState<{ bytes: Uint8Array; header: BackupHeader } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    setError(null);
    setFile(null);
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    const read = backupFileHeader(bytes);
    if (!read.ok) {
      setError(t(read.reason));
      return;
    }
    setFile({ bytes, header: read.header });
  };

  const restore = async () => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const result = await restoreBackup(
        db,
        file.bytes,
        passphrase,
        clock.nowMs(),
        backupPrimitives(),
      );
      if (!result.ok) {
        setError(t(result.reason, result.params));
        return;
      }
      rememberDataOrigin(document, window.location.origin);
      officeSaved(result.office);
    } finally {
      setBusy(false);
    }
  };

  const header = file?.header;
  return (
    <Page title={t('restore.heading')}>
      <form
        className="setup-card backup-restore"
        aria-labelledby="backup-restore-heading"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void restore();
        }}
      >
        <h1 id="backup-restore-heading">{t('restore.heading')}</h1>
        <p className="system-hint">{t('restore.hint')}</p>
        {appInfo.shell === 'browser' && (
          <p className="system-hint">{t('restore.where', { origin: window.location.origin })}</p>
        )}
        <label className="system-file">
          {t('restore.file')}
          <input type="file" accept=".akimat-backup" onChange={(e) => void choose(e)} />
        </label>
        {header && (
          <dl>
            <dt>{t('restore.office')}</dt>
            <dd>{language === 'kk' ? header.office.nameKk : header.office.nameRu}</dd>
            <dt>{t('restore.made')}</dt>
            <dd>{formatDateTime(localDateTimeAt(header.createdAtMs))}</dd>
            <dt>{t('restore.laptop')}</dt>
            <dd>{header.office.deviceNo}</dd>
            <dt>{t('restore.cases')}</dt>
            <dd>{header.counts['cases'] ?? 0}</dd>
          </dl>
        )}
        {header && (
          <label className="backup-field">
            {t('restore.passphrase')}
            <input
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>
        )}
        {error && (
          <p role="alert" className="system-error">
            {error}
          </p>
        )}
        <div className="backup-actions">
          <button type="button" className="backup-button backup-button--secondary" onClick={onBack}>
            {t('restore.back')}
          </button>
          {header && (
            <button type="submit" className="backup-button" disabled={busy || passphrase === ''}>
              {busy ? t('restore.working') : t('restore.submit')}
            </button>
          )}
        </div>
      </form>
    </Page>
  );
}
