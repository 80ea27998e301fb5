import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { clockJumps, useLive } from '../../db';
import { localDateTimeAt } from '../../platform';
import { jumpAmount } from './clock-watch';
import { useJumpText } from './clock-warning';

/** Rows shown; the record keeps more (db MAX_CLOCK_JUMPS). */
const SHOWN = 20;

/** The system page's record of the desk's clock being moved: when, who, how far, against what. */
export function ClockJumpsCard() {
  const { t } = useTranslation('system');
  const { db } = useDesk();
  const records = useLive(() => clockJumps(db), [db]);
  const text = useJumpText();
  return (
    <article className="card clock-jumps-card">
      <h2>{t('clock.card.heading')}</h2>
      <p>{t('clock.card.lead')}</p>
      {records !== undefined && records.length === 0 && <p>{t('clock.card.empty')}</p>}
      {records !== undefined && records.length > 0 && (
        <table className="clock-jumps">
          <thead>
            <tr>
              <th scope="col">{t('clock.card.noticed')}</th>
              <th scope="col">{t('clock.card.user')}</th>
              <th scope="col">{t('clock.card.change')}</th>
              <th scope="col">{t('clock.card.basis')}</th>
            </tr>
          </thead>
          <tbody>
            {records.slice(0, SHOWN).map((r) => {
              const amount = jumpAmount(r.deltaMs);
              return (
                <tr key={r.id} title={text(r)}>
                  <td>{formatDateTime(localDateTimeAt(r.noticedAtMs))}</td>
                  <td>{r.userName ?? t('clock.card.nobody')}</td>
                  <td>
                    {t(`clock.card.${r.kind}`, {
                      amount: t(`clock.amount.${amount.unit}`, { count: amount.count }),
                    })}
                    <br />
                    {formatDateTime(localDateTimeAt(r.expectedMs))} →{' '}
                    {formatDateTime(localDateTimeAt(r.shownMs))}
                  </td>
                  <td>{t(`clock.card.basisKind.${r.basis}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}
