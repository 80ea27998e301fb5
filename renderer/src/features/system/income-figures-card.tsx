import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { figuresInForce } from '../../../../shared/income';
import { formatDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { deskIncomeFigures, installIncomeFigures, useLive } from '../../db';
import { formatNumber } from '../../i18n';

type Outcome = { kind: 'installed'; version: string } | { kind: 'refused'; reason: string };

/**
 * The figures the per-capita income is compared with (shared/income: the poverty line, the
 * subsistence minimum): those in force today, and the installation of a figures file by hand (the
 * district hub delivers the same data by sync). Nothing is bundled: without a file the card says so.
 */
export function IncomeFiguresCard() {
  const { t } = useTranslation('income');
  const { db, clock } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const figures = useLive(() => deskIncomeFigures(db), [db]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const today = clock.today();
  const inForce = figures ? figuresInForce(figures, today) : [];

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
        setOutcome({ kind: 'refused', reason: 'income:figures.unreadable' });
        return;
      }
      const result = await installIncomeFigures(db, raw);
      setOutcome(
        result.ok
          ? { kind: 'installed', version: result.version }
          : { kind: 'refused', reason: result.reason },
      );
    } catch {
      setOutcome({ kind: 'refused', reason: 'income:figures.failed' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card">
      <h2>{t('figures.heading')}</h2>
      {figures ? (
        <dl>
          <dt>{t('figures.version')}</dt>
          <dd>{figures.version}</dd>
          <dt>{t('figures.inForce', { date: formatDate(today) })}</dt>
          <dd>
            {inForce.length === 0 ? (
              t('povertyLine.none', { date: formatDate(today) })
            ) : (
              <ul>
                {inForce.map((f) => (
                  <li key={f.kind}>
                    {t(`figures.kinds.${f.kind}`)}: {formatNumber(f.amountTiyn / 100, language, 2)}{' '}
                    ₸ ({t('figures.from', { date: formatDate(f.from) })}; {f.source})
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      ) : (
        figures === null && <p className="system-note">{t('figures.none')}</p>
      )}
      <label className="system-file">
        {t('figures.install')}
        <input
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(e) => void install(e)}
        />
      </label>
      <p className="system-hint">{t('figures.installHint')}</p>
      {outcome?.kind === 'installed' && (
        <p role="status" className="system-ok">
          {t('figures.installed', { version: outcome.version })}
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
