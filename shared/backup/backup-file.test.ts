import { x25519 } from '@noble/curves/ed25519.js';
import { strFromU8, strToU8 } from 'fflate';
import { argon2id } from 'hash-wasm';
import { describe, expect, test, vi } from 'vitest';
import {
  backupFileName,
  backupReminderDue,
  makeRecoveryVerifier,
  openBackup,
  passphraseMatches,
  passphraseProblem,
  readBackupHeader,
  RECOVERY_KDF,
  sealBackup,
  type Argon2idParams,
  type BackupContents,
  type BackupHeaderInput,
  type BackupPrimitives,
} from './backup-file';

// The same libraries the desk uses (renderer/src/db/backup-crypto.ts), with Node's WebCrypto.
function primitives(): BackupPrimitives {
  return {
    subtle: globalThis.crypto.subtle,
    argon2id: async (password, salt, params: Argon2idParams) =>
      new Uint8Array(
        await argon2id({
          password,
          salt,
          iterations: params.iterations,
          parallelism: params.parallelism,
          memorySize: params.memoryKiB,
          hashLength: 32,
          outputType: 'binary',
        }),
      ),
    x25519PublicKey: (k) => new Uint8Array(x25519.getPublicKey(k)),
    x25519SharedSecret: (k, pub) => new Uint8Array(x25519.getSharedSecret(k, pub)),
    randomBytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
  };
}

/** Cheap argon2id for the tests that are not about its cost. */
const CHEAP: Argon2idParams = { memoryKiB: 64, iterations: 1, parallelism: 1 };
const PASSPHRASE = 'Көктем келді, 2025 жыл!';

const HEADER: BackupHeaderInput = {
  createdAtMs: Date.UTC(2025, 2, 14, 6, 30),
  schemaVersion: 9,
  appVersion: '0.1.0',
  office: {
    officeId: 'kyzylsai',
    code: '591033',
    nameKk: 'Қызылсай',
    nameRu: 'Кызылсай',
    deviceNo: 1,
  },
};

const CONTENTS: BackupContents = {
  tables: {
    events: [{ id: 'e1', caseId: 'c1', payload: { iin: '880215300123', name: 'Әлия' } }],
    caseNames: [['әлия\u0000c1', 0]],
    settings: [{ key: 'office', value: { code: '591033' } }],
  },
  files: { ['a'.repeat(64)]: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]) },
};

async function sealed(params: Argon2idParams = CHEAP) {
  const p = primitives();
  const verifier = await makeRecoveryVerifier(p, PASSPHRASE, params);
  return { p, verifier, file: await sealBackup(p, HEADER, verifier, CONTENTS) };
}

describe('backup file (issue 11 §2)', () => {
  test('round trip: what was sealed opens with the passphrase, byte for byte', async () => {
    const { p, file } = await sealed();
    const opened = await openBackup(p, file, PASSPHRASE);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.contents.tables).toEqual(CONTENTS.tables);
    expect(opened.contents.files).toEqual(CONTENTS.files);
    expect(opened.header.office.code).toBe('591033');
    expect(opened.header.counts).toEqual({ events: 1, caseNames: 1, settings: 1, files: 1 });
    // The passphrase is typed again on another keyboard: spaces around it and NFD letters still open.
    const again = await openBackup(p, file, `  ${PASSPHRASE.normalize('NFD')} `);
    expect(again.ok).toBe(true);
  });

  test('with the recovery KDF in force (argon2id, 64 MiB, t=3, p=4: RFC 9106 §4)', async () => {
    expect(RECOVERY_KDF).toEqual({ memoryKiB: 65_536, iterations: 3, parallelism: 4 });
    const { p, file, verifier } = await sealed(RECOVERY_KDF);
    expect(verifier.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65_536 });
    expect((await openBackup(p, file, PASSPHRASE)).ok).toBe(true);
  }, 60_000);

  test('the file holds no personal data in the clear; the header says whose it is', async () => {
    const { file } = await sealed();
    const text = strFromU8(file, true);
    expect(text.startsWith('AKIMAT-DESK-BACKUP\n')).toBe(true);
    expect(text).not.toContain('880215300123');
    expect(Buffer.from(file).includes(Buffer.from('880215300123'))).toBe(false);
    const header = readBackupHeader(file);
    expect(header.ok && header.header.office.nameKk).toBe('Қызылсай');
  });

  test('a wrong passphrase is refused as such', async () => {
    const { p, file } = await sealed();
    expect(await openBackup(p, file, 'Көктем келді, 2024 жыл!')).toEqual({
      ok: false,
      reason: 'backup:errors.wrongPassphrase',
    });
  });

  test('one changed byte anywhere in the sealed body is refused as damaged', async () => {
    const { p, file } = await sealed();
    const bodyStart = file.length - 40;
    for (const at of [bodyStart, file.length - 1, file.length - 20]) {
      const tampered = new Uint8Array(file);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      expect(await openBackup(p, tampered, PASSPHRASE)).toEqual({
        ok: false,
        reason: 'backup:errors.damaged',
      });
    }
    expect(await openBackup(p, file.subarray(0, file.length - 1), PASSPHRASE)).toEqual({
      ok: false,
      reason: 'backup:errors.damaged',
    });
  });

  test('the header is authenticated: a changed date or office does not open', async () => {
    const { p, file } = await sealed();
    const text = strFromU8(file, true);
    for (const [from, to] of [
      ['"deviceNo":1', '"deviceNo":7'],
      [`"createdAtMs":${HEADER.createdAtMs}`, `"createdAtMs":${HEADER.createdAtMs + 9}`],
    ] as const) {
      const at = text.indexOf(from);
      expect(at).toBeGreaterThan(0);
      const tampered = new Uint8Array(file);
      tampered.set(strToU8(to), at);
      expect(await openBackup(p, tampered, PASSPHRASE)).toEqual({
        ok: false,
        reason: 'backup:errors.damaged',
      });
    }
  });

  test('a forged header asking argon2id for gigabytes is refused before any work', async () => {
    const { p, file } = await sealed();
    const text = strFromU8(file, true);
    const at = text.indexOf('"memoryKiB":64,');
    const tampered = new Uint8Array(file);
    tampered.set(strToU8('"memoryKiB":9e9,'), at);
    const spy = vi.fn(p.argon2id);
    expect(await openBackup({ ...p, argon2id: spy }, tampered, PASSPHRASE)).toEqual({
      ok: false,
      reason: 'backup:errors.damaged',
    });
    expect(spy).not.toHaveBeenCalled();
  });

  test('other files are not backups; a newer format says so', async () => {
    const { p, file } = await sealed();
    expect(await openBackup(p, strToU8('IIN;Name\n880215300123;Әлия'), PASSPHRASE)).toEqual({
      ok: false,
      reason: 'backup:errors.notABackup',
    });
    const text = strFromU8(file, true);
    const tampered = new Uint8Array(file);
    tampered.set(strToU8('"format":9'), text.indexOf('"format":1'));
    expect(await openBackup(p, tampered, PASSPHRASE)).toEqual({
      ok: false,
      reason: 'backup:errors.newerFormat',
    });
  });

  test('the verifier checks a passphrase without keeping it', async () => {
    const p = primitives();
    const verifier = await makeRecoveryVerifier(p, PASSPHRASE, CHEAP);
    expect(JSON.stringify(verifier)).not.toContain('Көктем');
    expect(await passphraseMatches(p, PASSPHRASE, verifier)).toBe(true);
    expect(await passphraseMatches(p, 'another passphrase', verifier)).toBe(false);
    // Two verifiers of the same passphrase differ (fresh salt), both open what they sealed.
    const other = await makeRecoveryVerifier(p, PASSPHRASE, CHEAP);
    expect(other.publicKey).not.toBe(verifier.publicKey);
  });

  test('a passphrase has at least 12 characters and 3 different ones', () => {
    expect(passphraseProblem('short one')).toBe('backup:passphrase.tooShort');
    expect(passphraseProblem('111111111111')).toBe('backup:passphrase.tooShort');
    expect(passphraseProblem('   padded      ')).toBe('backup:passphrase.tooShort');
    expect(passphraseProblem(PASSPHRASE)).toBeNull();
  });

  test('the reminder: older than 7 days since the last backup, or since the office began', () => {
    const day = 86_400_000;
    const now = Date.UTC(2025, 2, 14);
    expect(backupReminderDue({ lastBackupMs: now - 7 * day, sinceMs: 0, nowMs: now })).toBe(false);
    expect(backupReminderDue({ lastBackupMs: now - 7 * day - 1, sinceMs: 0, nowMs: now })).toBe(
      true,
    );
    expect(backupReminderDue({ lastBackupMs: null, sinceMs: now - 2 * day, nowMs: now })).toBe(
      false,
    );
    expect(backupReminderDue({ lastBackupMs: null, sinceMs: now - 8 * day, nowMs: now })).toBe(
      true,
    );
  });

  test('file name: office code, laptop number, office time', () => {
    expect(backupFileName('591033', 2, '2025-03-14T11:30:00')).toBe(
      '591033-2-20250314-1130.akimat-backup',
    );
  });
});
