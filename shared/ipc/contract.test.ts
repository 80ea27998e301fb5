import { describe, expect, test } from 'vitest';
import { printRequestSchema, languageSchema } from './contract';

describe('ipc contract', () => {
  test('accepts a plain PDF file name and fills defaults', () => {
    expect(printRequestSchema.parse({ fileName: 'Талон 591033-1-0001.pdf' })).toEqual({
      fileName: 'Талон 591033-1-0001.pdf',
      pageSize: 'A4',
      landscape: false,
    });
  });

  test.each(['../secret.pdf', '/etc/passwd.pdf', 'talon.exe', 'a\\b.pdf', ''])(
    'rejects the unsafe file name %j',
    (fileName) => {
      expect(printRequestSchema.safeParse({ fileName }).success).toBe(false);
    },
  );

  test('knows exactly the two interface languages', () => {
    expect(languageSchema.options).toEqual(['kk', 'ru']);
    expect(languageSchema.safeParse('en').success).toBe(false);
  });
});

describe('desk content security policy', () => {
  test('allows no remote or inline script and only the hub as another origin', async () => {
    const { deskContentSecurityPolicy } = await import('./csp');
    const csp = deskContentSecurityPolicy('http://127.0.0.1:8470');
    expect(csp).toContain(`script-src 'self'`);
    expect(csp).not.toContain('unsafe-inline');
    // WebAssembly may compile (argon2id), JavaScript may not be evaluated.
    expect(csp).toContain(`script-src 'self' 'wasm-unsafe-eval';`);
    expect(csp).not.toMatch(/[^-]'unsafe-eval'/);
    expect(csp).toContain(`connect-src 'self' http://127.0.0.1:8470`);
    // A scan's PDF (a blob: frame inheriting this policy) may be shown by the PDF viewer; nothing else.
    expect(csp).toContain(`object-src blob:;`);
    expect(deskContentSecurityPolicy(null)).toContain(`connect-src 'self';`);
  });
});
