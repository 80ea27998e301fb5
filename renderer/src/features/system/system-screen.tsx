import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/ipc';
import { useAppSelector } from '../../app/hooks';
import { formatNumber } from '../../i18n';
import { useDesk } from '../../app/desk-context';
import { BackupCard, NumberingHoldNotice, StorageCard } from '../backup';
import { HubCard } from '../sync';
import { ClockJumpsCard } from '../clock-watch';
import { UpdatesCard } from '../updates';
import { CalendarCard } from './calendar-card';
import { IncomeFiguresCard } from './income-figures-card';
import { DataProtectionRow } from './data-protection';

interface StorageFigures {
  usedBytes: number | null;
  quotaBytes: number | null;
}

function formatMegabytes(bytes: number | null, language: Language): string {
  if (bytes === null) return '—';
  return formatNumber(bytes / 1_048_576, language, 1);
}

/** What this desk is and what it is connected to: for the specialist and for support staff. */
export function SystemScreen() {
  const { t } = useTranslation();
  const language = useAppSelector((s) => s.preferences.language);
  const { appInfo, db } = useDesk();
  const connectivity = useAppSelector((s) => s.connectivity);
  const [storage, setStorage] = useState<StorageFigures>({ usedBytes: null, quotaBytes: null });

  useEffect(() => {
    let live = true;
    void navigator.storage?.estimate().then((e) => {
      if (live) setStorage({ usedBytes: e.usage ?? null, quotaBytes: e.quota ?? null });
    });
    return () => {
      live = false;
    };
  }, []);

  const hub = connectivity.hubInfo;
  return (
    <section className="screen">
      <h1>{t('system:title')}</h1>
      <NumberingHoldNotice withRelease />
      <div className="cards">
        <article className="card">
          <h2>{t('system:desk.heading')}</h2>
          <dl>
            <dt>{t('system:desk.version')}</dt>
            <dd>{appInfo.version}</dd>
            <dt>{t('system:desk.shell')}</dt>
            <dd>{t(`system:desk.shellKind.${appInfo.shell}`)}</dd>
            <dt>{t('system:desk.database')}</dt>
            <dd>
              {db.name} · {t('system:desk.schemaVersion', { version: db.verno })}
            </dd>
            <dt>{t('system:desk.storage')}</dt>
            <dd>
              {t('system:desk.storageFigures', {
                used: formatMegabytes(storage.usedBytes, language),
                quota: formatMegabytes(storage.quotaBytes, language),
              })}
            </dd>
            <DataProtectionRow />
          </dl>
        </article>
        <article className="card">
          <h2>{t('system:hub.heading')}</h2>
          <dl>
            <dt>{t('system:hub.address')}</dt>
            <dd>{appInfo.hubUrl}</dd>
            <dt>{t('system:hub.state')}</dt>
            <dd>{t(`system:hub.stateKind.${connectivity.hub}`)}</dd>
            {hub && (
              <>
                <dt>{t('system:hub.version')}</dt>
                <dd>
                  {hub.name} {hub.version}
                </dd>
                <dt>{t('system:hub.protocol')}</dt>
                <dd>{hub.protocolVersion}</dd>
                <dt>{t('system:hub.database')}</dt>
                <dd>{t(`system:hub.databaseKind.${hub.database}`)}</dd>
              </>
            )}
          </dl>
        </article>
        <HubCard />
        <BackupCard />
        <StorageCard />
        <CalendarCard />
        <IncomeFiguresCard />
        <ClockJumpsCard />
        <UpdatesCard />
      </div>
    </section>
  );
}
