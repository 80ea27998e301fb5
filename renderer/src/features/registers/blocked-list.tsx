import { useTranslation } from 'react-i18next';
import type { BlockedCase } from '../../db';
import './registers.css';

/** Why a register could not be saved or forwarded: the reason and, case by case, what blocked it. */
export function BlockedList({
  reason,
  blocked,
}: {
  reason: string;
  blocked: readonly BlockedCase[];
}) {
  const { t } = useTranslation(['registers', 'case']);
  return (
    <div className="registers-error-box" role="alert">
      <p>{t(reason)}</p>
      {blocked.length > 0 && (
        <ul>
          {blocked.map((b) => (
            <li key={b.caseId}>
              <strong>{b.number || b.caseId}</strong>:{' '}
              {t(b.reason, { registerNumber: b.registerNumber ?? '' })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
