import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EVENT_SCHEMA_VERSION } from '../events/envelope';
import {
  DIRECTORY_MESSAGES,
  classifyIncomingDirectoryEvent,
  directoryEventSchema,
  parseDirectoryEvent,
} from './events';
import { DIRECTORY_CONFLICTS, directoryConflict } from './fold';
import { sampleDirectoryEvent, sampleJwk, sampleKeyId, sampleRegistration } from './testing';

const registered = sampleDirectoryEvent('UserRegistered', {
  counter: 1,
  payload: sampleRegistration('akim'),
});

describe('directory events', () => {
  test('a registration with its public key parses as it is, nothing added or dropped', () => {
    const parsed = parseDirectoryEvent(registered);
    expect(parsed.ok && parsed.event).toEqual(registered);
  });

  test.each([
    ['a PIN hash', { pinHash: { algorithm: 'PBKDF2-SHA256', hash: 'AAAA' } }],
    ['a wrapped private key', { wrapped: { algorithm: 'PBKDF2-SHA256/AES-256-GCM' } }],
    ['a private JWK member', { publicKey: { ...sampleJwk(1), d: 'AAAA' } }],
  ])('%s never travels: the schema refuses it', (_what, extra) => {
    const event = { ...registered, payload: { ...registered.payload, ...extra } };
    expect(directoryEventSchema.safeParse(event).success).toBe(false);
  });

  test('a public key comes with its fingerprint, or neither', () => {
    const { keyId: _k, ...withoutKeyId } = registered.payload;
    const result = directoryEventSchema.safeParse({ ...registered, payload: withoutKeyId });
    expect(result.error?.issues[0]?.message).toBe(DIRECTORY_MESSAGES.keyPair);
    const badId = { ...registered.payload, keyId: 'ABC' };
    expect(
      directoryEventSchema.safeParse({ ...registered, payload: badId }).error?.issues[0]?.message,
    ).toBe(DIRECTORY_MESSAGES.keyId);
  });

  test('a PIN reset names who reset whose PIN and nothing else', () => {
    const reset = sampleDirectoryEvent('UserPinReset', {
      counter: 2,
      userId: 'user-spec',
      actorId: 'user-akim',
      payload: {},
    });
    expect(parseDirectoryEvent(reset).ok).toBe(true);
    expect(
      parseDirectoryEvent({ ...reset, payload: { newPin: '4826' } }).ok,
      'the new PIN must never travel',
    ).toBe(false);
  });

  test('a key replacement states why; names are NFC', () => {
    const replaced = sampleDirectoryEvent('UserKeyReplaced', {
      counter: 2,
      payload: { publicKey: sampleJwk(2), keyId: sampleKeyId(2), reason: 'pinReset' },
    });
    expect(parseDirectoryEvent(replaced).ok).toBe(true);
    expect(
      parseDirectoryEvent({ ...replaced, payload: { ...replaced.payload, reason: 'lost' } }).ok,
    ).toBe(false);
    const decomposed = { ...registered.payload, name: 'Сергеи\u0306' };
    expect(parseDirectoryEvent({ ...registered, payload: decomposed }).ok).toBe(false);
  });

  test('an event of a newer desk is kept, not folded; the same from this version is invalid', () => {
    const newer = { ...registered, v: EVENT_SCHEMA_VERSION + 1, type: 'UserRenamed' };
    expect(classifyIncomingDirectoryEvent(newer).kind).toBe('newer');
    expect(classifyIncomingDirectoryEvent({ ...newer, v: EVENT_SCHEMA_VERSION }).kind).toBe(
      'invalid',
    );
    expect(classifyIncomingDirectoryEvent(registered).kind).toBe('known');
  });
});

describe('directory messages', () => {
  type Tree = { readonly [key: string]: Tree | string };
  const lookup = (lang: 'kk' | 'ru', key: string): string | undefined => {
    const url = new URL(`../../locales/${lang}/users.json`, import.meta.url);
    let node: Tree | string | undefined = JSON.parse(readFileSync(url, 'utf8')) as Tree;
    const [namespace, path = ''] = key.split(':');
    if (namespace !== 'users') return undefined;
    for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };

  test.each(['kk', 'ru'] as const)('every reason and validation message exists in %s', (lang) => {
    const keys = [
      ...DIRECTORY_CONFLICTS.map(directoryConflict),
      ...Object.values(DIRECTORY_MESSAGES),
    ];
    expect(keys.filter((key) => lookup(lang, key) === undefined)).toEqual([]);
  });
});
