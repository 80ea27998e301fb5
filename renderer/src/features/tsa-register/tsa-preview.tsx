import { useTranslation } from 'react-i18next';
import type { TsaFileRow, TsaRowError } from '../../../../shared/tsa-register';
import { quarterLabel } from './quarter-label';

/** Rows shown before the "show all" link; the rest are counted, never hidden silently. */
const PREVIEW_ROWS = 100;

/** What the file holds: the rows that cannot be imported with their reasons, then the valid rows. */
export function TsaPreview({ rows, errors }: { rows: TsaFileRow[]; errors: TsaRowError[] }) {
  const { t } = useTranslation('tsaRegister');
  return (
    <>
      {errors.length > 0 && (
        <div className="tsa-table-wrap">
          <table className="tsa-table tsa-errors">
            <caption>{t('preview.errorsCaption', { count: errors.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.line')}</th>
                <th scope="col">{t('columns.iin')}</th>
                <th scope="col">{t('columns.fullName')}</th>
                <th scope="col">{t('columns.quarter')}</th>
                <th scope="col">{t('preview.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e) => (
                <tr key={e.line}>
                  <td>{e.line}</td>
                  <td className="tsa-mono">{e.iin || '—'}</td>
                  <td>{e.fullName || '—'}</td>
                  <td>{e.quarter || '—'}</td>
                  <td>
                    <ul>
                      {e.reasons.map((r) => (
                        <li key={r.key}>{t(r.key, r.values)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && (
        <div className="tsa-table-wrap">
          <table className="tsa-table">
            <caption>{t('preview.rowsCaption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.line')}</th>
                <th scope="col">{t('columns.iin')}</th>
                <th scope="col">{t('columns.fullName')}</th>
                <th scope="col">{t('columns.quarter')}</th>
                <th scope="col">{t('columns.familyMembers')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, PREVIEW_ROWS).map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td className="tsa-mono">{r.iin}</td>
                  <td>{r.fullName}</td>
                  <td>{quarterLabel(t, r.quarter)}</td>
                  <td>{r.familyMembers.join('; ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > PREVIEW_ROWS && (
            <p className="tsa-hint">{t('preview.more', { count: rows.length - PREVIEW_ROWS })}</p>
          )}
        </div>
      )}
    </>
  );
}
