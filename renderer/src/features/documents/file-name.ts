// The shell writes the PDF under the name the renderer asks for, and accepts only a plain name:
// letters, digits, space, '_', '.', '-' and the '.pdf' ending (shared/ipc printRequestSchema).
// Registration numbers hold '/', names may hold quotes, so every other character becomes '-'.

const MAX_LENGTH = 120;
const SUFFIX = '.pdf';
const NOT_ALLOWED = /[^\p{L}\p{N} _.-]+/gu;

/**
 * A file name for the PDF of a document: 'Талон KZL01-1-0001-2026.pdf'. Parts are joined with a space;
 * characters the shell would refuse become '-', runs of spaces and dashes shrink, and a name that is
 * too long is cut so that it still ends in '.pdf'.
 */
export function pdfFileName(...parts: readonly string[]): string {
  const base = parts
    .map((part) =>
      part
        .normalize('NFC')
        .replace(NOT_ALLOWED, '-')
        .replace(/\s+/g, ' ')
        .replace(/-{2,}/g, '-')
        .replace(/^[\s.-]+|[\s.-]+$/g, ''),
    )
    .filter((part) => part !== '')
    .join(' ');
  const cut = base.slice(0, MAX_LENGTH - SUFFIX.length).replace(/[\s.-]+$/, '');
  return `${cut === '' ? 'document' : cut}${SUFFIX}`;
}
