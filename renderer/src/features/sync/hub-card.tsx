import { useState, type ChangeEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import './sync.css';
import { checkHubAddress, ENROLLMENT_CODE, normalizeEnrollmentCode } from '../../../../shared/sync';
import { useDesk } from '../../app/desk-context';
import { exportSyncFile, importReplyFile, loadOfficeProfile } from '../../db';
import { useSyncEngineState, useSyncStatus } from './use-sync';

interface JoinFields {
  hubUrl: string;
  code: string;
}

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; reason: string };

/** Saves bytes as a file where the person chooses (the browser's or the shell's download). */
function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(
    new Blob([bytes as BlobPart], { type: 'application/octet-stream' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The district hub on the system page: joining it with a one-time code from the district admin; once
 * joined, where and as which desk, syncing now, and sync by file for weeks without a link (a file of
 * what waits, for the district; the district's reply file taken in as a pull).
 */
export function HubCard() {
  const { t } = useTranslation('sync');
  const { db, sync, clock, appInfo, officeSaved } = useDesk();
  const status = useSyncStatus();
  const engine = useSyncEngineState();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<JoinFields>({ defaultValues: { hubUrl: appInfo.hubUrl, code: '' } });
  const { errors } = form.formState;

  const join = form.handleSubmit(async (fields) => {
    setOutcome(null);
    const joined = await sync.join(fields.hubUrl, normalizeEnrollmentCode(fields.code));
    if (!joined.ok) {
      setOutcome({ kind: 'error', reason: joined.reason });
      return;
    }
    // Joining gave the office profile the hub's device number and id: every screen numbers and
    // signs its acts with the profile it holds, so it takes the saved one now, not at the next start
    // (a reinstalled desk numbered its first case with the wizard's number, already used).
    const profile = await loadOfficeProfile(db);
    if (profile) officeSaved(profile);
    setOutcome({ kind: 'ok', text: t('ui.joined', { deviceNo: joined.link.deviceNo }) });
    sync.start();
  });

  const exportFile = async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      const made = await exportSyncFile(db, clock.nowMs());
      if (!made.ok) {
        setOutcome({ kind: 'error', reason: made.reason });
        return;
      }
      download(made.bytes, made.fileName);
      setOutcome({
        kind: 'ok',
        text: t('ui.exported', { events: made.events, scans: made.scans, file: made.fileName }),
      });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const taken = await importReplyFile(
        db,
        new Uint8Array(await file.arrayBuffer()),
        clock.nowMs(),
      );
      setOutcome(
        taken.ok
          ? { kind: 'ok', text: t('ui.imported', taken) }
          : { kind: 'error', reason: taken.reason },
      );
    } finally {
      setBusy(false);
    }
  };

  const hub = status?.hub ?? null;
  return (
    <article className="card hub-card">
      <h2>{t('ui.hubHeading')}</h2>
      {hub === null ? (
        <form onSubmit={(e) => void join(e)} noValidate>
          <p className="system-hint">{t('ui.joinHint')}</p>
          <label>
            {t('ui.hubAddress')}
            <input
              {...form.register('hubUrl', {
                validate: (v) => {
                  const checked = checkHubAddress(v);
                  return checked.ok || checked.reason;
                },
              })}
              aria-invalid={errors.hubUrl ? true : undefined}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          {errors.hubUrl?.message && (
            <p className="sync-field-error" role="alert">
              {t(errors.hubUrl.message)}
            </p>
          )}
          <label>
            {t('ui.code')}
            <input
              {...form.register('code', {
                validate: (v) =>
                  ENROLLMENT_CODE.test(normalizeEnrollmentCode(v)) || 'sync:ui.codeFormat',
              })}
              aria-invalid={errors.code ? true : undefined}
              placeholder="ABCD-EFGH-JKLM-NPQR"
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          {errors.code?.message && (
            <p className="sync-field-error" role="alert">
              {t(errors.code.message)}
            </p>
          )}
          <button type="submit" className="sync-button" disabled={engine.running}>
            {t('ui.join')}
          </button>
        </form>
      ) : (
        <>
          <dl>
            <dt>{t('ui.hubAddress')}</dt>
            <dd>{hub.url}</dd>
            <dt>{t('ui.office')}</dt>
            <dd>
              {hub.officeCode} · {hub.districtId}
            </dd>
            <dt>{t('ui.deviceNo')}</dt>
            <dd>{hub.deviceNo}</dd>
          </dl>
          <div className="hub-card-actions">
            <button
              type="button"
              className="sync-button"
              disabled={engine.running}
              onClick={() => void sync.syncNow()}
            >
              {t('ui.syncNow')}
            </button>
          </div>
          <h3>{t('ui.fileHeading')}</h3>
          <p className="system-hint">{t('ui.fileHint')}</p>
          <div className="hub-card-actions">
            <button
              type="button"
              className="sync-button sync-button--secondary"
              disabled={busy || engine.running}
              onClick={() => void exportFile()}
            >
              {t('ui.exportFile')}
            </button>
            <label className="system-file">
              {t('ui.importFile')}
              <input
                type="file"
                accept=".akimat-sync"
                disabled={busy || engine.running}
                onChange={(e) => void importFile(e)}
              />
            </label>
          </div>
        </>
      )}
      {outcome?.kind === 'ok' && (
        <p role="status" className="system-ok">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p role="alert" className="system-error">
          {t(outcome.reason)}
        </p>
      )}
    </article>
  );
}
