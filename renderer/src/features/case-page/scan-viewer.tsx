import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../../shared/case';
import { useDesk } from '../../app/desk-context';
import { loadAttachment } from '../../db';
import { ModalDialog } from '../session';

type Shown =
  | { readonly kind: 'loading' }
  /** Named by the case but not on this desk (a district desk before the scan is fetched). */
  | { readonly kind: 'missing' }
  | { readonly kind: 'ready'; readonly url: string; readonly mime: string };

/** How a scan is shown in the desk: images as pictures, PDFs in the browser's own PDF viewer. */
export function scanViewKind(mime: string): 'image' | 'pdf' | 'other' {
  if (/^image\/(png|jpeg|gif|webp|bmp)$/.test(mime)) return 'image';
  if (mime === 'application/pdf') return 'pdf';
  return 'other';
}

/**
 * A scan of the case opened inside the desk, from the desk's own attachment storage (by its hash), in
 * a modal window: an image is shown as it is (fit to the window, or at its own size), a PDF in an
 * embedded viewer. The blob URL lives while the window is open and is released when it closes.
 */
export function ScanViewer({
  attachment,
  onClose,
}: {
  attachment: Attachment;
  onClose: () => void;
}) {
  const { t } = useTranslation('casePage');
  const { db } = useDesk();
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  const [actualSize, setActualSize] = useState(false);

  useEffect(() => {
    let url: string | null = null;
    let live = true;
    void loadAttachment(db, attachment.sha256).then((row) => {
      if (!live) return;
      if (!row) {
        setShown({ kind: 'missing' });
        return;
      }
      const mime = row.mime || attachment.mime;
      // The stored blob keeps the type it was picked with; the viewer needs the scan's own type.
      url = URL.createObjectURL(
        row.blob.type === mime ? row.blob : new Blob([row.blob], { type: mime }),
      );
      setShown({ kind: 'ready', url, mime });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, attachment.sha256, attachment.mime]);

  const kind = shown.kind === 'ready' ? scanViewKind(shown.mime) : null;
  return (
    <ModalDialog
      title={t('application.scan.title', { name: attachment.name })}
      onDismiss={onClose}
      className="cp-scan-dialog"
    >
      <div className="cp-scan-view" data-testid="scan-view">
        {shown.kind === 'loading' && <p className="cp-muted">{t('loading')}</p>}
        {shown.kind === 'missing' && (
          <p className="cp-warning" role="alert">
            {t('application.scan.missing')}
          </p>
        )}
        {shown.kind === 'ready' && kind === 'image' && (
          <img
            src={shown.url}
            alt={attachment.name}
            className={actualSize ? 'cp-scan-image cp-scan-actual' : 'cp-scan-image'}
          />
        )}
        {shown.kind === 'ready' && kind === 'pdf' && (
          <iframe src={shown.url} title={attachment.name} className="cp-scan-pdf" />
        )}
        {shown.kind === 'ready' && kind === 'other' && (
          <p className="cp-warning" role="alert">
            {t('application.scan.unsupported')}
          </p>
        )}
      </div>
      <div className="cp-buttons">
        {kind === 'image' && (
          <button type="button" onClick={() => setActualSize((v) => !v)}>
            {t(actualSize ? 'application.scan.fit' : 'application.scan.actualSize')}
          </button>
        )}
        <button type="button" className="cp-primary" data-autofocus onClick={onClose}>
          {t('application.scan.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
