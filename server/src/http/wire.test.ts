import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { decodeBody, encodeBody, pullReplySchema } from '../../../shared/sync';
import { caseAt, type Desk } from '../../test/desks';
import { packBody, packBytes, packPullReply, unpackBody, type PullPage } from './wire';

const VALUE = {
  receipts: [{ id: 'a', status: 'accepted', receivedAtMs: 1 }],
  note: 'Қызылсай ауылы, «Бейбітшілік» көшесі, 12 — \u2028 "quoted" \\ 😀',
};

describe('the hub packs and unpacks the bytes the desk does', () => {
  test("the desk's decodeBody reads what the hub packs", () => {
    expect(decodeBody(packBody(VALUE))).toEqual({ ok: true, value: VALUE });
  });

  test("the hub reads what the desk's encodeBody packs", () => {
    expect(unpackBody(encodeBody(VALUE))).toEqual({ ok: true, value: VALUE });
  });

  test('a body that would unpack past the limit is refused as too large while it inflates', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(unpackBody(bomb, 1024 * 1024)).toEqual({
      ok: false,
      reason: 'sync:errors.tooLarge',
    });
    // The desk's reader gives the same reason for the same bytes.
    expect(decodeBody(bomb, 1024 * 1024)).toEqual({ ok: false, reason: 'sync:errors.tooLarge' });
  });

  test('bytes that are not gzip, or gzip of what is not JSON, are a bad body', () => {
    expect(unpackBody(Buffer.from('{"protocol":1}'))).toEqual({
      ok: false,
      reason: 'sync:errors.badBody',
    });
    expect(unpackBody(packBytes(Buffer.from('{"protocol":')))).toEqual({
      ok: false,
      reason: 'sync:errors.badBody',
    });
  });

  test('a body holding a NUL character is a bad body on both ends (jsonb cannot store it)', () => {
    for (const value of [{ id: 'a\u0000b' }, { events: [{ note: '\u0000' }] }, '\u0000']) {
      expect(unpackBody(encodeBody(value))).toEqual({ ok: false, reason: 'sync:errors.badBody' });
      expect(decodeBody(packBody(value))).toEqual({ ok: false, reason: 'sync:errors.badBody' });
    }
    // The six characters \u0000 typed as text are text: an escaped backslash, then "u0000".
    for (const value of [{ note: '\\u0000' }, { note: 'a\\\\\\u0000' }]) {
      expect(unpackBody(encodeBody(value))).toEqual({ ok: true, value });
      expect(decodeBody(packBody(value))).toEqual({ ok: true, value });
    }
  });
});

describe('a pull page written around the stored bodies', () => {
  const bodies = [
    { id: 'e1', type: 'Registered', payload: { name: 'Сейітова Әйгерім', note: 'a "b" \\ c\n' } },
    { id: 'e2', type: 'UserRegistered', payload: { emoji: '😀', line: '\u2028' } },
  ];
  const page = {
    events: [
      { stream: 'case' as const, body: JSON.stringify(bodies[0]), receivedAtMs: 17 },
      { stream: 'user' as const, body: JSON.stringify(bodies[1]), receivedAtMs: 18 },
    ],
    cursor: '123.45',
    more: true,
    hubTimeMs: 1_764_000_000_000,
  };

  /** The reply as the desk reads it: unpacked by its decodeBody. */
  const desk = (reply: PullPage): unknown => {
    const decoded = decodeBody(packPullReply(reply));
    if (!decoded.ok) throw new Error(decoded.reason);
    return decoded.value;
  };

  test('parses to the page JSON.stringify would give, in the shape the desk checks', () => {
    const parsed = desk(page);
    const expected = {
      events: [
        { stream: 'case', receivedAtMs: 17, event: bodies[0] },
        { stream: 'user', receivedAtMs: 18, event: bodies[1] },
      ],
      cursor: '123.45',
      more: true,
      hubTimeMs: 1_764_000_000_000,
    };
    expect(parsed).toEqual(expected);
    expect(pullReplySchema.parse(parsed)).toEqual(expected);
  });

  test('an empty page is a valid reply too', () => {
    const parsed = desk({ events: [], cursor: '', more: false, hubTimeMs: 5 });
    expect(pullReplySchema.parse(parsed)).toEqual({
      events: [],
      cursor: '',
      more: false,
      hubTimeMs: 5,
    });
  });

  test('pages one after another, small and past the work space, each read as written', () => {
    // 300 bodies of 1.5 KB of Cyrillic (3 KB of UTF-8 each): 0.9 MB, past the 64 KB the work space
    // starts with; then the small page again, written over the same space.
    const large = Array.from({ length: 300 }, (_, i) => ({
      id: `e${i}`,
      payload: { name: 'Ә'.repeat(1500), i },
    }));
    const largePage: PullPage = {
      events: large.map((b, i) => ({ stream: 'case', body: JSON.stringify(b), receivedAtMs: i })),
      cursor: '9.9',
      more: false,
      hubTimeMs: 6,
    };
    const first = packPullReply(page);
    const second = packPullReply(largePage);
    const third = packPullReply(page);
    expect(unpackBody(first)).toEqual({ ok: true, value: desk(page) });
    expect(unpackBody(third)).toEqual(unpackBody(first));
    const read = unpackBody(second, 4 * 1024 * 1024);
    if (!read.ok) throw new Error(read.reason);
    expect((read.value as { events: { event: unknown }[] }).events.map((e) => e.event)).toEqual(
      large,
    );
  });
});

describe('the size on the wire', () => {
  test('a page of 500 events the hub packs is no larger than what the desk packs, give or take 2%', () => {
    const desk: Desk = {
      credential: 'c',
      deviceId: 'desk-1',
      deviceNo: 1,
      officeId: 'office-kzl01',
      districtId: 'AKK',
    };
    const events = Array.from({ length: 250 }, (_, c) => caseAt(desk, `case-${c}`)).flatMap(
      (pair, c) =>
        pair.map((body) => ({
          stream: 'case' as const,
          body: JSON.stringify(body),
          receivedAtMs: 1_764_000_000_000 + c,
        })),
    );
    const byHub = packPullReply({ events, cursor: '123.45', more: true, hubTimeMs: 5 });
    const page = unpackBody(byHub);
    if (!page.ok) throw new Error(page.reason);
    const byDesk = encodeBody(page.value);
    expect(decodeBody(byDesk)).toEqual(page);
    expect(byHub.length).toBeLessThanOrEqual(1.02 * byDesk.length);
  });
});
