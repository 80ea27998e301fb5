import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintFrame, type PrintMessage } from './print-frame';
import { useDocumentLanguage } from './use-document-language';

/**
 * What every print view starts with: the document's language (the applicant's choice, apart from the
 * interface language), a translator fixed to it for the sheet, the interface translator for the
 * toolbar, and the frame around the sheet with its title and messages.
 */
export function usePrintFrame(titleKey: string, fallbackPath: string) {
  const { t: ui, i18n } = useTranslation('documents');
  const [lang, setLang] = useDocumentLanguage();
  const t = i18n.getFixedT(lang, 'documents');
  const frame = (
    fileName: string | null,
    messages: PrintMessage[],
    sheet?: ReactNode,
    options: { readonly landscape?: boolean } = {},
  ) => (
    <PrintFrame
      title={ui(titleKey)}
      lang={lang}
      onLanguage={setLang}
      fileName={fileName}
      messages={messages}
      fallbackPath={fallbackPath}
      landscape={options.landscape ?? false}
    >
      {sheet}
    </PrintFrame>
  );
  return { lang, t, ui, frame };
}
