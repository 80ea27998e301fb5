import { describe, expect, test } from 'vitest';
import { checkScanContent } from './scan-check';

const PDF = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\nstartxref\n9\n%%EOF\n';
const PNG_START = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const decodes = () => Promise.resolve();
const fails = () => Promise.reject(new Error('The source image could not be decoded.'));

describe('scans by their content, not their name', () => {
  test('a real PDF is kept as a PDF', async () => {
    const file = new Blob([PDF], { type: 'application/pdf' });
    expect(await checkScanContent(file, fails)).toEqual({ ok: true, mime: 'application/pdf' });
  });

  test('a text renamed to .pdf and a PDF cut off mid-copy are refused', async () => {
    const fake = new Blob(['Справка о доходах\n'], { type: 'application/pdf' });
    expect(await checkScanContent(fake, decodes)).toEqual({
      ok: false,
      message: 'inputChecks:scan.notPdf',
    });
    const cut = new Blob([PDF.slice(0, 40)], { type: 'application/pdf' });
    expect(await checkScanContent(cut, decodes)).toEqual({
      ok: false,
      message: 'inputChecks:scan.notPdf',
    });
  });

  test('an image whose start is right but which does not decode is refused', async () => {
    const file = new Blob([PNG_START], { type: 'image/png' });
    expect(await checkScanContent(file, fails)).toEqual({
      ok: false,
      message: 'inputChecks:scan.undecodable',
    });
    expect(await checkScanContent(file, decodes)).toEqual({ ok: true, mime: 'image/png' });
  });

  test('a file that claims to be a picture and is not one', async () => {
    const file = new Blob(['GIF? no'], { type: 'image/jpeg' });
    expect(await checkScanContent(file, decodes)).toEqual({
      ok: false,
      message: 'inputChecks:scan.notImage',
    });
  });
});
