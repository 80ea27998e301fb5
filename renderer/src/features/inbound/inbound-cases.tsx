import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LocalDateTime } from '../../../../shared/time';
import { casePath } from '../../app/paths';
import { useAppSelector } from '../../app/hooks';
import type { CaseRow } from '../../db';
import { serviceName, WorkStatus } from '../journal';
import { DistrictStep } from './district-step';

/** A register's cases: number, applicant, service, the service's term and the district's own step. */
export function InboundCases({
  rows,
  now,
  caption,
}: {
  rows: readonly CaseRow[];
  now: LocalDateTime;
  caption: string;
}) {
  const { t } = useTranslation(['inbound', 'journal']);
  const language = useAppSelector((s) => s.preferences.language);
  return (
    <table className="inbound-cases">
      <caption className="inbound-caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('inbound:columns.number')}</th>
          <th scope="col">{t('inbound:columns.applicant')}</th>
          <th scope="col">{t('inbound:columns.service')}</th>
          <th scope="col">{t('inbound:columns.term')}</th>
          <th scope="col">{t('inbound:columns.districtStep')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.stage === 'forwarded' ? undefined : 'inbound-received'}>
            <td className="inbound-number">
              <Link to={casePath(row.id)}>{row.number}</Link>
            </td>
            <td>
              {row.applicantName}
              <div className="inbound-muted">
                {t('journal:columns.iin')} {row.iin}
              </div>
            </td>
            <td>{serviceName(row.serviceId, language)}</td>
            <td>
              <WorkStatus row={row} now={now} />
            </td>
            <td>
              <DistrictStep row={row} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
