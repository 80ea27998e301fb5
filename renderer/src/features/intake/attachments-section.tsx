import type { TFunction } from 'i18next';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/ipc';
import { formatNumber } from '../../i18n';

/** A scan chosen for the application, held in memory until the case is saved. */
export interface PendingAttachment {
  readonly sha256: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly file: Blob;
  /** blob: URL for the preview; revoked when the scan is removed or the screen closes. */
  readonly url: string;
}

interface AttachmentsSectionProps {
  items: readonly PendingAttachment[];
  /** Messages about files that were not added, already translated. */
  problems: readonly string[];
  previewing: string | null;
  busy: boolean;
  language: Language;
  onAdd: (files: File[]) => void;
  onRemove: (sha256: string) => void;
  onPreview: (sha256: string | null) => void;
}

export function megabytes(size: number, language: Language): string {
  return formatNumber(size / 1_048_576, language, 1);
}

/** A file size for people: kilobytes below one megabyte. */
function sizeText(t: TFunction, size: number, language: Language): string {
  return size < 1_048_576
    ? t('attachments.sizeKb', {
        size: formatNumber(Math.max(1, Math.round(size / 1024)), language),
      })
    : t('attachments.size', { size: megabytes(size, language) });
}

/** Scans of the presented papers: images or PDF up to 10 MB, looked at before they are saved. */
export function AttachmentsSection({
  items,
  problems,
  previewing,
  busy,
  language,
  onAdd,
  onRemove,
  onPreview,
}: AttachmentsSectionProps) {
  const { t } = useTranslation('intake');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const shown = items.find((a) => a.sha256 === previewing) ?? null;
  return (
    <section className="card intake-card" aria-labelledby="intake-attachments-heading">
      <h2 id="intake-attachments-heading">{t('attachments.heading')}</h2>
      <div className="intake-field intake-file">
        {/* The label is the visible button: the browser's own file button speaks its own language. */}
        <label htmlFor={id} className="intake-secondary" aria-disabled={busy}>
          {t('attachments.add')}
        </label>
        <input
          ref={input}
          id={id}
          className="intake-visually-hidden"
          type="file"
          accept="image/*,application/pdf"
          multiple
          disabled={busy}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            // Clear the input so the same file can be chosen again after removing it.
            if (input.current) input.current.value = '';
            if (files.length > 0) onAdd(files);
          }}
        />
        <div className="intake-hint">{t('attachments.rule')}</div>
      </div>
      {problems.map((p) => (
        <p key={p} className="intake-error" role="alert">
          {p}
        </p>
      ))}
      {items.length > 0 && (
        <ul className="intake-attachments">
          {items.map((a) => (
            <li key={a.sha256} className={a.sha256 === previewing ? 'selected' : undefined}>
              <button
                type="button"
                className="intake-thumb"
                onClick={() => onPreview(a.sha256 === previewing ? null : a.sha256)}
                aria-pressed={a.sha256 === previewing}
                aria-label={t('attachments.preview', { name: a.name })}
              >
                {a.mime.startsWith('image/') ? (
                  <img src={a.url} alt="" />
                ) : (
                  <span className="intake-thumb-pdf">PDF</span>
                )}
              </button>
              <div className="intake-attachment-text">
                <span className="intake-attachment-name">{a.name}</span>
                <span className="intake-hint">
                  {sizeText(t, a.size, language)} ·{' '}
                  <span title={a.sha256}>SHA-256 {a.sha256.slice(0, 12)}…</span>
                </span>
              </div>
              <button type="button" className="intake-link" onClick={() => onRemove(a.sha256)}>
                {t('attachments.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <figure className="intake-preview">
          <figcaption>
            {shown.name}
            <button type="button" className="intake-link" onClick={() => onPreview(null)}>
              {t('attachments.closePreview')}
            </button>
          </figcaption>
          {shown.mime.startsWith('image/') ? (
            <img src={shown.url} alt={shown.name} />
          ) : (
            <iframe src={shown.url} title={shown.name} />
          )}
        </figure>
      )}
    </section>
  );
}
