import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import {
  backupPrimitives,
  loadRecovery,
  makeBackup,
  recordBackupSaved,
  setRecoveryPassphrase,
  useLive,
  backupReminder,
} from '../../db';
import { localDateTimeAt } from '../../platform';
import './backup.css';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string };

/**
 * Backups on the system page: when the last one was made, making one now (to a folder the person
 * picks in the shell, to downloads in a browser), and, for the akim, the recovery passphrase.
 */
export function BackupCard() {
  const { t } = useTranslation('backup');
  const { db, platform, clock, appInfo } = useDesk();
  const user = useAppSelector((s) => s.session.user);
  const recovery = useLive(() => loadRecovery(db), [db]);
  const reminder = useLive(() => backupReminder(db, clock.nowMs()), [db, clock]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const when = (ms: number) => formatDateTime(localDateTimeAt(ms));

  const make = async () => {
    setOutcome(null);
    setBusy(true);
    try {
      const nowMs = clock.nowMs();
      const made = await makeBackup(
        db,
        { nowMs, localDateTime: clock.nowLocal(), appVersion: appInfo.version },
        backupPrimitives(),
      );
      if (!made.ok) {
        setOutcome({ kind: 'error', text: t(made.reason) });
        return;
      }
      const saved = await platform.saveBackup({ fileName: made.fileName, bytes: made.bytes });
      if (saved.kind === 'saved' || saved.kind === 'downloaded') {
        await recordBackupSaved(db, { atMs: nowMs, fileName: made.fileName });
        setOutcome({
          kind: 'ok',
          text:
            saved.kind === 'saved'
              ? t('card.saved', { path: saved.path })
              : t('card.downloaded', { file: made.fileName }),
        });
      } else if (saved.kind === 'failed') {
        setOutcome({ kind: 'error', text: t('card.failed') });
      }
    } finally {
      setBusy(false);
    }
  };

  const last = reminder?.last ?? null;
  return (
    <article className="card backup-card" aria-labelledby="backup-card-heading">
      <h2 id="backup-card-heading">{t('card.heading')}</h2>
      <dl>
        <dt>{t('card.last')}</dt>
        <dd className={reminder?.due ? 'backup-due' : undefined}>
          {last ? when(last.atMs) : t('card.never')}
        </dd>
        {last && (
          <>
            <dt>{t('card.file')}</dt>
            <dd>{last.fileName}</dd>
          </>
        )}
        <dt>{t('card.passphrase')}</dt>
        <dd>
          {recovery
            ? t('card.passphraseSet', { date: when(recovery.setAtMs) })
            : t('card.passphraseMissing')}
        </dd>
      </dl>
      <p className="system-hint">{t('card.hint')}</p>
      <div className="backup-actions">
        <button
          type="button"
          className="backup-button"
          disabled={busy || !recovery}
          onClick={() => void make()}
        >
          {busy ? t('card.making') : t('card.make')}
        </button>
      </div>
      {outcome && (
        <p
          role={outcome.kind === 'ok' ? 'status' : 'alert'}
          className={outcome.kind === 'ok' ? 'system-ok' : 'system-error'}
        >
          {outcome.text}
        </p>
      )}
      {user && (user.role === 'akim' || user.role === 'districtHead') && (
        <PassphraseForm
          userId={user.id}
          role={user.role}
          replacing={recovery !== null && recovery !== undefined}
        />
      )}
    </article>
  );
}

/** The akim sets the recovery passphrase, typed twice; only its verifier is stored. */
function PassphraseForm({
  userId,
  role,
  replacing,
}: {
  userId: string;
  role: string;
  replacing: boolean;
}) {
  const { t } = useTranslation('backup');
  const { db, clock } = useDesk();
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const save = async () => {
    setOutcome(null);
    if (first !== second) {
      setOutcome({ kind: 'error', text: t('passphrase.mismatch') });
      return;
    }
    setBusy(true);
    try {
      const result = await setRecoveryPassphrase(
        db,
        first,
        { userId, role },
        clock.nowMs(),
        backupPrimitives(),
      );
      if (!result.ok) {
        setOutcome({ kind: 'error', text: t(result.reason) });
        return;
      }
      setFirst('');
      setSecond('');
      setOutcome({ kind: 'ok', text: t('passphrase.saved') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="backup-passphrase"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{replacing ? t('passphrase.replaceHeading') : t('passphrase.heading')}</h3>
      <p className="system-hint">{t('passphrase.hint')}</p>
      <label>
        {t('passphrase.label')}
        <input
          type="password"
          autoComplete="new-password"
          value={first}
          onChange={(e) => setFirst(e.target.value)}
        />
      </label>
      <label>
        {t('passphrase.repeat')}
        <input
          type="password"
          autoComplete="new-password"
          value={second}
          onChange={(e) => setSecond(e.target.value)}
        />
      </label>
      <button type="submit" className="backup-button" disabled={busy || first === ''}>
        {busy ? t('passphrase.saving') : t('passphrase.save')}
      </button>
      {outcome && (
        <p
          role={outcome.kind === 'ok' ? 'status' : 'alert'}
          className={outcome.kind === 'ok' ? 'system-ok' : 'system-error'}
        >
          {outcome.text}
        </p>
      )}
    </form>
  );
}
