import { webcrypto } from 'node:crypto';
import { strToU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  type PublicJwk,
  type SigningKey,
} from '../signing/signature';
import type { SubtleCryptoLike } from '../signing/subtle';
import { isSignedTsaFile, openTsaFile, signTsaFile, type TsaTrust } from './signed-file';

const subtle = webcrypto.subtle as unknown as SubtleCryptoLike;

async function districtKey(): Promise<{ signer: SigningKey; publicKey: PublicJwk }> {
  const pair = await generateSigningKeyPair(subtle);
  const publicKey = await exportPublicKey(subtle, pair.publicKey);
  return {
    signer: { privateKey: pair.privateKey, keyId: await publicKeyFingerprint(subtle, publicKey) },
    publicKey,
  };
}

const CSV = strToU8('ИИН;ФИО;Квартал\n850315400015;Сейітова Әйгерім;2026-Q4\n');
const SIGNED_AT = '2026-11-23T05:00:00.000Z';

async function signed(signer: SigningKey, districtId = 'AKK'): Promise<Uint8Array> {
  return signTsaFile(subtle, signer, {
    districtId,
    fileName: 'Қызылсай 2026-Q4.csv',
    signedAt: SIGNED_AT,
    content: CSV,
  });
}

describe('a register file signed by the district hub', () => {
  test("a joined desk takes a file signed with its district's key, and reads the content", async () => {
    const hub = await districtKey();
    const file = await signed(hub.signer);
    expect(isSignedTsaFile(file)).toBe(true);
    const trust: TsaTrust = { districtId: 'AKK', hubSigningKey: hub.publicKey };
    const opened = await openTsaFile(subtle, file, trust);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.content).toEqual(CSV);
    expect(opened.signature).toMatchObject({
      kind: 'verified',
      keyId: hub.signer.keyId,
      facts: { districtId: 'AKK', fileName: 'Қызылсай 2026-Q4.csv', signedAt: SIGNED_AT },
    });
  });

  test('a joined desk refuses an unsigned file with its own reason', async () => {
    const hub = await districtKey();
    expect(
      await openTsaFile(subtle, CSV, { districtId: 'AKK', hubSigningKey: hub.publicKey }),
    ).toEqual({ ok: false, error: { key: 'tsaRegister:signed.unsigned' } });
  });

  test('a desk not joined takes a plain file, and a signed one unchecked', async () => {
    const hub = await districtKey();
    expect(await openTsaFile(subtle, CSV, null)).toEqual({
      ok: true,
      content: CSV,
      signature: { kind: 'none' },
    });
    const opened = await openTsaFile(subtle, await signed(hub.signer), null);
    expect(opened.ok && opened.signature.kind).toBe('unchecked');
  });

  test('another key, another district, a changed byte, a cut file are each refused by name', async () => {
    const hub = await districtKey();
    const stranger = await districtKey();
    const trust: TsaTrust = { districtId: 'AKK', hubSigningKey: hub.publicKey };
    const reason = async (bytes: Uint8Array) => {
      const opened = await openTsaFile(subtle, bytes, trust);
      return opened.ok ? 'taken' : opened.error.key;
    };
    expect(await reason(await signed(stranger.signer))).toBe('tsaRegister:signed.tampered');
    expect(await reason(await signed(hub.signer, 'ZHR'))).toBe('tsaRegister:signed.otherDistrict');

    const file = await signed(hub.signer);
    const contentByte = file.slice();
    const at = file.length - 3;
    contentByte[at] = (contentByte[at] ?? 0) ^ 0x01;
    expect(await reason(contentByte)).toBe('tsaRegister:signed.tampered');

    // A changed header value (the file name) breaks the signature, not only the hash.
    const text = new TextDecoder().decode(file);
    const renamed = strToU8(text.replace('Қызылсай', 'Қызылжар'));
    expect(await reason(renamed)).toBe('tsaRegister:signed.tampered');

    expect(await reason(file.slice(0, file.length - 5))).toBe('tsaRegister:signed.damaged');
    expect(await reason(file.slice(0, 14))).toBe('tsaRegister:signed.damaged');
  });

  test('a file of a newer format asks for an update instead of calling the file damaged', async () => {
    const hub = await districtKey();
    const text = new TextDecoder().decode(await signed(hub.signer));
    const newer = strToU8(text.replace('"version":1', '"version":2'));
    expect(
      await openTsaFile(subtle, newer, { districtId: 'AKK', hubSigningKey: hub.publicKey }),
    ).toEqual({ ok: false, error: { key: 'tsaRegister:signed.newerVersion' } });
  });
});
