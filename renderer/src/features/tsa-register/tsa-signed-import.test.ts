import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  type PublicJwk,
  type SigningKey,
  type SubtleCryptoLike,
} from '../../../../shared/signing';
import { iinControlDigit } from '../../../../shared/identity';
import { signTsaFile } from '../../../../shared/tsa-register';
import { DeskDatabase, SYNC_SETTINGS, tsaFileTrust } from '../../db';
import { readTsaFile } from './read-tsa-file';

// Issue 11 §6: once the district delivers the register by sync, a file import takes only a register
// signed by the district (its hub's file-signing key, known to the desk from enrollment).

const subtle = crypto.subtle as unknown as SubtleCryptoLike;

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

function iin(first11: string): string {
  const control = iinControlDigit(first11);
  if (!control) throw new Error('no control digit');
  return `${first11}${control.digit}`;
}
const A = iin('85031540001');
const CSV = new TextEncoder().encode(`ИИН;ФИО;Квартал\n${A};Сейітова Әйгерім;2026-Q4\n`);

async function districtKey(): Promise<{ signer: SigningKey; publicKey: PublicJwk }> {
  const pair = await generateSigningKeyPair(subtle);
  const publicKey = await exportPublicKey(subtle, pair.publicKey);
  return {
    signer: { privateKey: pair.privateKey, keyId: await publicKeyFingerprint(subtle, publicKey) },
    publicKey,
  };
}

/** A desk joined to the hub of district AKK whose file-signing key is `signing`. */
async function joinedDesk(signing: PublicJwk): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await db.settings.put({
    key: SYNC_SETTINGS.hubLink,
    value: {
      deviceId: '5b0d3d8e-2f7e-4c55-9a58-0e3b1b7f3f10',
      deviceNo: 1,
      officeId: 'AKK-KZL01',
      officeCode: 'KZL01',
      districtId: 'AKK',
      credential: 'x'.repeat(43),
      hubKeyPin: '',
      hubFileKeys: { agreement: signing, signing },
      url: 'http://127.0.0.1:8470',
      joinedAtMs: 0,
    },
  });
  return db;
}

const signedFile = (signer: SigningKey, districtId = 'AKK') =>
  signTsaFile(subtle, signer, {
    districtId,
    fileName: 'Қызылсай 2026-Q4.csv',
    signedAt: '2026-11-23T05:00:00.000Z',
    content: CSV,
  });

describe('a register file at a desk joined to a hub', () => {
  test('an unsigned file is refused with its own reason; nothing is read', async () => {
    const hub = await districtKey();
    const desk = await joinedDesk(hub.publicKey);
    const trust = await tsaFileTrust(desk);
    expect(trust).toEqual({ districtId: 'AKK', hubSigningKey: hub.publicKey });
    expect(await readTsaFile(new Blob([CSV]), trust)).toEqual({
      ok: false,
      error: { key: 'tsaRegister:signed.unsigned' },
    });
  });

  test("a file signed by the district's hub is read, and says who signed it", async () => {
    const hub = await districtKey();
    const desk = await joinedDesk(hub.publicKey);
    const result = await readTsaFile(
      new Blob([await signedFile(hub.signer)]),
      await tsaFileTrust(desk),
    );
    expect(result.ok && result.rows.map((r) => r.iin)).toEqual([A]);
    expect(result.ok && result.signature).toMatchObject({
      kind: 'verified',
      keyId: hub.signer.keyId,
      facts: { fileName: 'Қызылсай 2026-Q4.csv' },
    });
  });

  test('a file signed by another key or for another district is refused', async () => {
    const hub = await districtKey();
    const stranger = await districtKey();
    const trust = await tsaFileTrust(await joinedDesk(hub.publicKey));
    expect(await readTsaFile(new Blob([await signedFile(stranger.signer)]), trust)).toEqual({
      ok: false,
      error: { key: 'tsaRegister:signed.tampered' },
    });
    expect(await readTsaFile(new Blob([await signedFile(hub.signer, 'ZHR')]), trust)).toEqual({
      ok: false,
      error: { key: 'tsaRegister:signed.otherDistrict' },
    });
  });

  test('a desk not joined to a hub takes a plain file as before', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    const trust = await tsaFileTrust(db);
    expect(trust).toBeNull();
    const result = await readTsaFile(new Blob([CSV]), trust);
    expect(result.ok && result.signature).toEqual({ kind: 'none' });
  });
});
