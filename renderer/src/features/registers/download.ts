/**
 * Saves text as a file the way the browser saves downloads: the Electron shell asks where to save it,
 * a browser puts it in the downloads folder. The blob URL lives only long enough for the download.
 */
export function downloadTextFile(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
