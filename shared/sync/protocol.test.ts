import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  clockSkewed,
  ENROLLMENT_CODE,
  hubHelloSchema,
  MAX_BATCH_EVENTS,
  normalizeEnrollmentCode,
  OLDEST_DESK_PROTOCOL,
  parseMessage,
  protocolMismatch,
  pullReplySchema,
  pushReplySchema,
  pushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  SYNC_REASONS,
} from './protocol';

describe('protocol versions', () => {
  const hub = { protocol: 3, oldestDeskProtocol: 2 };

  test('a desk the hub still serves syncs; an older one is told to update, a newer one that the hub is older', () => {
    expect(protocolMismatch(2, hub)).toBeNull();
    expect(protocolMismatch(3, hub)).toBeNull();
    expect(protocolMismatch(1, hub)).toBe('sync:protocol.updateDesk');
    expect(protocolMismatch(4, hub)).toBe('sync:protocol.hubOlder');
  });

  test('this code as a desk and as a hub agree with each other', () => {
    expect(OLDEST_DESK_PROTOCOL).toBeLessThanOrEqual(SYNC_PROTOCOL_VERSION);
    expect(
      protocolMismatch(SYNC_PROTOCOL_VERSION, {
        protocol: SYNC_PROTOCOL_VERSION,
        oldestDeskProtocol: OLDEST_DESK_PROTOCOL,
      }),
    ).toBeNull();
  });

  test('a hello from a hub of another version parses, so the desk can say why it will not sync', () => {
    const hello = hubHelloSchema.parse({
      protocol: 9,
      oldestDeskProtocol: 7,
      hubTimeMs: 1,
      extra: 1,
    });
    expect(protocolMismatch(SYNC_PROTOCOL_VERSION, hello)).toBe('sync:protocol.updateDesk');
  });

  test('a clock more than 5 minutes off the hub warns; within 5 minutes it does not', () => {
    expect(clockSkewed(0, 5 * 60_000)).toBe(false);
    expect(clockSkewed(5 * 60_000 + 1, 0)).toBe(true);
  });
});

describe('messages', () => {
  test('a push carries events of any log unchecked at this level, up to a batch', () => {
    const event = { id: 'e1', v: 99, type: 'FromTheFuture' };
    expect(
      parseMessage(pushRequestSchema, { protocol: 1, events: [{ stream: 'case', event }] }),
    ).toEqual({ ok: true, value: { protocol: 1, events: [{ stream: 'case', event }] } });
    const tooMany = Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => ({ stream: 'case', event }));
    expect(parseMessage(pushRequestSchema, { protocol: 1, events: tooMany })).toEqual({
      ok: false,
      reason: 'sync:errors.badBody',
    });
    expect(
      parseMessage(pushRequestSchema, { protocol: 1, events: [{ stream: 'x', event }] }).ok,
    ).toBe(false);
  });

  test('a receipt is accepted, duplicate, or rejected with a reason key', () => {
    const reply = {
      hubTimeMs: 5,
      receipts: [
        { id: 'a', status: 'accepted', receivedAtMs: 5 },
        { id: 'b', status: 'duplicate' },
        { id: 'c', status: 'rejected', reason: 'case:rejections.otherOffice' },
      ],
    };
    expect(parseMessage(pushReplySchema, reply).ok).toBe(true);
    const badReason = { ...reply, receipts: [{ id: 'c', status: 'rejected', reason: 'no key' }] };
    expect(parseMessage(pushReplySchema, badReason).ok).toBe(false);
  });

  test('a pull page keeps each event with its hub receipt time and the next cursor', () => {
    const page = {
      events: [{ stream: 'user', event: { id: 'u1' }, receivedAtMs: 10 }],
      cursor: 'opaque-7',
      more: false,
      hubTimeMs: 11,
    };
    expect(parseMessage(pullReplySchema, page)).toEqual({ ok: true, value: page });
  });

  test('enrollment codes: 4 groups of 4 with no look-alike letters', () => {
    expect(ENROLLMENT_CODE.test('K7QM-2WXP-9HTR-C3DF')).toBe(true);
    expect(ENROLLMENT_CODE.test('K7QM-2WXP-9HTR-C3D0')).toBe(false);
    expect(ENROLLMENT_CODE.test('k7qm-2wxp-9htr-c3df')).toBe(false);
  });
});

describe('locales/{kk,ru}/sync.json', () => {
  const load = (lang: string) =>
    JSON.parse(
      readFileSync(new URL(`../../locales/${lang}/sync.json`, import.meta.url), 'utf8'),
    ) as Record<string, Record<string, string>>;
  test.each(['kk', 'ru'])('%s has words for every reason the protocol names', (lang) => {
    const tree = load(lang);
    for (const key of SYNC_REASONS) {
      const [group = '', name = ''] = key.slice('sync:'.length).split('.');
      expect(tree[group]?.[name], key).toEqual(expect.any(String));
    }
  });
});

describe('enrollment codes as people type them', () => {
  test('any case, spaces or no dashes become the hub’s form; what is no code stays no code', () => {
    expect(normalizeEnrollmentCode(' abcd efgh-jkmn pqrs ')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(normalizeEnrollmentCode('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(ENROLLMENT_CODE.test(normalizeEnrollmentCode('abcd-efgh-jkmn-pqrs'))).toBe(true);
    // O and I are not in the alphabet (look-alikes of 0 and 1); a short code is not one.
    expect(ENROLLMENT_CODE.test(normalizeEnrollmentCode('ABCD-EFGH-JKMN-PQRO'))).toBe(false);
    expect(ENROLLMENT_CODE.test(normalizeEnrollmentCode('ABCD-EFGH'))).toBe(false);
  });
});
