import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { holidayName } from '../../../../shared/calendar';
import { formatDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { installCalendarData } from '../../db';

type Outcome =
  { kind: 'installed'; version: string; rows: number } | { kind: 'refused'; reason: string };

/**
 * The working-day calendar the desk counts with, the dates in it that are only estimates, and the
 * installation of a correction that arrived as a file (the district hub will deliver them by sync).
 * A correction moves no registered due date by itself: a person re-plans each case on its page.
 */
export function CalendarCard() {
  const { t } = useTranslation(['system', 'calendar']);
  const { db, clock, calendar } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const years: number[] = [];
  for (let y = calendar.coveredYears.from; y <= calendar.coveredYears.to; y++) years.push(y);
  const estimates = years.flatMap((year) =>
    calendar.caveats(year).flatMap((c) => (c.kind === 'estimatedDate' ? [c] : [])),
  );

  const install = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(await file.text());
      } catch {
        setOutcome({ kind: 'refused', reason: 'system:calendar.unreadable' });
        return;
      }
      const result = await installCalendarData(db, raw, clock.nowMs());
      setOutcome(
        result.ok
          ? { kind: 'installed', version: result.version, rows: result.rebuiltRows }
          : { kind: 'refused', reason: result.reason },
      );
    } catch {
      setOutcome({ kind: 'refused', reason: 'system:calendar.failed' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card">
      <h2>{t('system:calendar.heading')}</h2>
      <dl>
        <dt>{t('system:calendar.version')}</dt>
        <dd>{calendar.dataVersion}</dd>
        <dt>{t('system:calendar.years')}</dt>
        <dd>
          {calendar.coveredYears.from}–{calendar.coveredYears.to}
        </dd>
      </dl>
      {estimates.map((c) => (
        <p key={`${c.holidayId}-${c.date}`} className="system-note">
          {t('calendar:warnings.provisionalDayOff', {
            holiday: holidayName(c.holidayId, Number(c.date.slice(0, 4))).names[language],
            date: formatDate(c.date),
          })}
        </p>
      ))}
      <label className="system-file">
        {t('system:calendar.install')}
        <input
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(e) => void install(e)}
        />
      </label>
      <p className="system-hint">{t('system:calendar.installHint')}</p>
      {outcome?.kind === 'installed' && (
        <p role="status" className="system-ok">
          {t('system:calendar.installed', { version: outcome.version, count: outcome.rows })}
        </p>
      )}
      {outcome?.kind === 'refused' && (
        <p role="alert" className="system-error">
          {t(outcome.reason)}
        </p>
      )}
    </article>
  );
}
