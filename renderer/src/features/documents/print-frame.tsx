import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { LANGUAGES, type Language, type PrintResult } from '../../../../shared/ipc';
import { getPlatform } from '../../platform';
import './documents.css';

export interface PrintMessage {
  readonly tone: 'ok' | 'warn' | 'bad' | 'info';
  readonly text: string;
}

interface PrintFrameProps {
  /** In the interface language. */
  readonly title: string;
  readonly lang: Language;
  readonly onLanguage: (lang: Language) => void;
  /** The PDF's file name; null while the document cannot be printed. */
  readonly fileName: string | null;
  readonly messages?: readonly PrintMessage[];
  /** Where "Back" goes when the print view was opened directly. */
  readonly fallbackPath: string;
  /** The sheet; nothing while loading or when the document cannot be shown. */
  readonly children?: ReactNode;
  /** A wide list (the journal) prints on A4 turned sideways. */
  readonly landscape?: boolean;
}

/**
 * Prints the page as it is (its @media print rules apply): Electron saves it as a PDF and opens it, a
 * browser opens its print dialog. A browser names the saved PDF after the page title, so the title is
 * the file's name while printing.
 */
export async function printCurrentPage(
  fileName: string,
  options: { readonly landscape?: boolean } = {},
): Promise<PrintResult> {
  const previousTitle = document.title;
  document.title = fileName.replace(/\.pdf$/, '');
  try {
    return await getPlatform().printToPdf({
      fileName,
      ...(options.landscape ? { landscape: true } : {}),
    });
  } finally {
    document.title = previousTitle;
  }
}

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'printDialog' }
  | { readonly kind: 'failed' };

/**
 * A print view: the toolbar (document language, print, back; hidden in print) and the A4 sheet.
 * Electron saves the page as a PDF and opens it; a browser opens its print dialog.
 */
export function PrintFrame({
  title,
  lang,
  onLanguage,
  fileName,
  messages = [],
  fallbackPath,
  children,
  landscape = false,
}: PrintFrameProps) {
  const { t } = useTranslation('documents');
  const navigate = useNavigate();
  const location = useLocation();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const print = async () => {
    if (fileName === null) return;
    setOutcome({ kind: 'saving' });
    try {
      const result = await printCurrentPage(fileName, { landscape });
      switch (result.kind) {
        case 'saved':
          setOutcome({ kind: 'saved', path: result.path });
          break;
        case 'printDialog':
          setOutcome({ kind: 'printDialog' });
          break;
        case 'failed':
          setOutcome({ kind: 'failed' });
          break;
      }
    } catch {
      setOutcome({ kind: 'failed' });
    }
  };

  const back = () => {
    // 'default' is the first entry of this window: there is nowhere to go back to.
    if (location.key !== 'default') void navigate(-1);
    else void navigate(fallbackPath);
  };

  const shown: PrintMessage[] = [...messages];
  if (outcome.kind === 'saved')
    shown.push({ tone: 'ok', text: t('toolbar.saved', { path: outcome.path }) });
  if (outcome.kind === 'printDialog') shown.push({ tone: 'info', text: t('toolbar.printDialog') });
  if (outcome.kind === 'failed') shown.push({ tone: 'bad', text: t('toolbar.failed') });

  return (
    <section className="print-view">
      <div className="print-toolbar">
        <h1>{title}</h1>
        <label>
          {t('toolbar.documentLanguage')}
          <select value={lang} onChange={(e) => onLanguage(e.target.value as Language)}>
            {LANGUAGES.map((option) => (
              <option key={option} value={option} lang={option}>
                {t(`toolbar.languageName.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="print-primary"
          disabled={fileName === null || outcome.kind === 'saving'}
          onClick={() => void print()}
        >
          {outcome.kind === 'saving' ? t('toolbar.saving') : t('toolbar.print')}
        </button>
        <button type="button" onClick={back}>
          {t('toolbar.back')}
        </button>
      </div>
      {shown.map((message) => (
        <p
          key={message.text}
          className={`print-message print-message-${message.tone}`}
          role={message.tone === 'bad' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ))}
      {/* The sheet says its own language (hyphenation, screen readers), apart from the toolbar's. */}
      {children !== undefined && (
        <div className="print-document" lang={lang}>
          {children}
        </div>
      )}
    </section>
  );
}
