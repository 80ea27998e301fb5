import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/desk-context';
import { normalizeText } from '../../../../shared/case';
import {
  attemptWrite,
  importTsaRecipients,
  tsaFileTrust,
  type TsaImportMode,
  type TsaImportSummary,
} from '../../db';
import { formatNumber } from '../../i18n';
import { useAppSelector } from '../../app/hooks';
import { readTsaFile, type DeskTsaRead, type TsaFileSignature } from './read-tsa-file';
import { quarterLabel } from './quarter-label';
import type { TsaColumn, TsaFileRow, TsaMessage } from '../../../../shared/tsa-register';
import { shortFingerprint } from '../../../../shared/signing';
import { formatDateTime } from '../../../../shared/time';
import { localDateTimeAt } from '../../platform';
import { TsaPreview } from './tsa-preview';

type Step =
  | { kind: 'choose' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'failed'; fileName: string; error: TsaMessage; missing: TsaColumn[] }
  | { kind: 'preview'; fileName: string; result: Extract<DeskTsaRead, { ok: true }> }
  | { kind: 'saving'; fileName: string; result: Extract<DeskTsaRead, { ok: true }> }
  | { kind: 'saved'; fileName: string; summary: TsaImportSummary };

const COLUMNS: readonly TsaColumn[] = ['iin', 'fullName', 'quarter', 'familyMembers'];

function countsByQuarter(rows: readonly TsaFileRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.quarter, (counts.get(r.quarter) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[0].localeCompare(a[0]));
}

/** Who vouches for the file being previewed: the district's hub (checked), nobody checked, or none. */
function SignatureLine({ signature }: { signature: TsaFileSignature }) {
  const { t } = useTranslation('tsaRegister');
  if (signature.kind === 'none') return null;
  if (signature.kind === 'unchecked') {
    return <p className="tsa-warning">{t('signed.unchecked')}</p>;
  }
  return (
    <p className="tsa-signed">
      {t('signed.verified', {
        date: formatDateTime(localDateTimeAt(Date.parse(signature.facts.signedAt))),
        key: shortFingerprint(signature.keyId),
      })}
    </p>
  );
}

/**
 * Import of the district's list: pick a file, see every row that cannot be taken and why, then save
 * the valid rows in one transaction, or cancel and save nothing.
 */
export function TsaImportCard() {
  const { t } = useTranslation('tsaRegister');
  const { db, clock } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const fileId = useId();
  const modeName = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [mode, setMode] = useState<TsaImportMode>('merge');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);

  const reset = () => {
    setStep({ kind: 'choose' });
    setSaveError(null);
    setInputKey((k) => k + 1);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setSaveError(null);
    setStep({ kind: 'reading', fileName: file.name });
    // A failure of the reader itself (a bug: bad files are values) still ends in words, not a spinner.
    // Once joined to a hub, only a file signed by that district's hub is taken (tsaFileTrust).
    const trust = await tsaFileTrust(db);
    const result = await readTsaFile(file, trust).catch((error: unknown): DeskTsaRead => {
      console.error('TSA file could not be read', error);
      return { ok: false, error: { key: 'tsaRegister:file.unreadable' } };
    });
    setStep(
      result.ok
        ? { kind: 'preview', fileName: file.name, result }
        : {
            kind: 'failed',
            fileName: file.name,
            error: result.error,
            missing: result.missing ?? [],
          },
    );
  };

  const save = async () => {
    if (step.kind !== 'preview') return;
    setStep({ ...step, kind: 'saving' });
    setSaveError(null);
    const saved = await attemptWrite(async () => ({
      ok: true as const,
      summary: await importTsaRecipients(db, step.result.rows, {
        // The file name is kept with each row and shown on certificates: NFC like the rows. A signed
        // file names the district's original file, which is what the district calls the list.
        source: normalizeText(
          step.result.signature.kind === 'none'
            ? step.fileName
            : step.result.signature.facts.fileName,
        ),
        nowMs: clock.nowMs(),
        mode,
      }),
    }));
    if (saved.ok) {
      setStep({ kind: 'saved', fileName: step.fileName, summary: saved.summary });
    } else {
      // The file stays read and previewed: saving again needs no new choice.
      setSaveError(saved.reason);
      setStep({ ...step, kind: 'preview' });
    }
  };

  const choosing = step.kind === 'choose' || step.kind === 'failed' || step.kind === 'saved';
  return (
    <article className="card tsa-card tsa-import">
      <h2>{t('import.heading')}</h2>
      <p>{t('import.intro')}</p>
      <table className="tsa-columns">
        <caption>{t('import.columnsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.headerNames')}</th>
            <th scope="col">{t('import.format')}</th>
          </tr>
        </thead>
        <tbody>
          {COLUMNS.map((c) => (
            <tr key={c}>
              <td>
                {t(`columns.${c}`)}
                {c === 'familyMembers' && (
                  <span className="tsa-optional"> {t('import.optional')}</span>
                )}
              </td>
              <td>{t(`import.headers.${c}`)}</td>
              <td>{t(`import.formats.${c}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="tsa-hint">{t('import.fileHint')}</p>
      <p className="tsa-hint">{t('import.signedHint')}</p>

      {choosing && (
        <div className="tsa-choose">
          <fieldset className="tsa-mode">
            <legend>{t('import.mode')}</legend>
            <label>
              <input
                type="radio"
                name={modeName}
                checked={mode === 'merge'}
                onChange={() => setMode('merge')}
              />{' '}
              {t('import.modes.merge')}
            </label>
            <label>
              <input
                type="radio"
                name={modeName}
                checked={mode === 'replaceQuarters'}
                onChange={() => setMode('replaceQuarters')}
              />{' '}
              {t('import.modes.replaceQuarters')}
            </label>
          </fieldset>
          <div className="tsa-file">
            <label htmlFor={fileId}>
              <span className="tsa-file-label">{t('import.file')}</span>
              <span className="tsa-file-button" aria-hidden="true">
                {t('import.chooseFile')}
              </span>
            </label>
            <input
              key={inputKey}
              id={fileId}
              className="tsa-file-input"
              type="file"
              accept=".akimat-tsa,.xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => void onFile(e)}
            />
          </div>
        </div>
      )}

      {step.kind === 'reading' && (
        <p role="status">{t('import.reading', { file: step.fileName })}</p>
      )}

      {step.kind === 'failed' && (
        <div className="tsa-problem" role="alert">
          <strong>{t('import.fileRejected', { file: step.fileName })}</strong>
          <p>{t(step.error.key, step.error.values)}</p>
          {step.missing.length > 0 && (
            <p>
              {t('import.missing', {
                columns: step.missing.map((c) => t(`columns.${c}`)).join(', '),
              })}
            </p>
          )}
        </div>
      )}

      {step.kind === 'saved' && (
        <div className="tsa-done" role="status">
          <strong>{t('import.saved', { file: step.fileName })}</strong>
          <ul>
            <li>{t('import.added', { count: step.summary.added })}</li>
            <li>{t('import.replaced', { count: step.summary.replaced })}</li>
            {step.summary.removed > 0 && (
              <li>{t('import.removed', { count: step.summary.removed })}</li>
            )}
            <li>
              {t('import.quarters', {
                quarters: step.summary.quarters.map((q) => quarterLabel(t, q)).join(', '),
              })}
            </li>
          </ul>
        </div>
      )}

      {(step.kind === 'preview' || step.kind === 'saving') && (
        <div className="tsa-review">
          <h3>{t('import.previewHeading', { file: step.fileName })}</h3>
          <ul className="tsa-summary">
            <li>
              {t('import.validRows', { count: step.result.rows.length })}
              {step.result.rows.length > 0 && ': '}
              {countsByQuarter(step.result.rows)
                .map(([q, n]) => `${quarterLabel(t, q)} — ${formatNumber(n, language)}`)
                .join('; ')}
            </li>
            <li className={step.result.errors.length > 0 ? 'tsa-bad' : undefined}>
              {t('import.invalidRows', { count: step.result.errors.length })}
            </li>
          </ul>
          <SignatureLine signature={step.result.signature} />
          {mode === 'replaceQuarters' && step.result.rows.length > 0 && (
            <p className="tsa-warning">{t('import.replaceWarning')}</p>
          )}
          <TsaPreview rows={step.result.rows} errors={step.result.errors} />
          {saveError && (
            <p className="tsa-bad" role="alert">
              {t(saveError)}
            </p>
          )}
          <div className="tsa-buttons">
            <button
              type="button"
              className="tsa-primary"
              disabled={step.kind === 'saving' || step.result.rows.length === 0}
              onClick={() => void save()}
            >
              {t('import.save', { count: step.result.rows.length })}
            </button>
            <button type="button" disabled={step.kind === 'saving'} onClick={reset}>
              {t('import.cancel')}
            </button>
          </div>
        </div>
      )}
    </article>
  );
}
