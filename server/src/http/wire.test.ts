import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { decodeBody, encodeBody, pullReplySchema } from '../../../shared/sync';
import { packBody, packBytes, pullReplyBytes, unpackBody } from './wire';

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

  test('parses to the page JSON.stringify would give, in the shape the desk checks', () => {
    const parsed: unknown = JSON.parse(pullReplyBytes(page).toString('utf8'));
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
    const parsed: unknown = JSON.parse(
      pullReplyBytes({ events: [], cursor: '', more: false, hubTimeMs: 5 }).toString('utf8'),
    );
    expect(pullReplySchema.parse(parsed)).toEqual({
      events: [],
      cursor: '',
      more: false,
      hubTimeMs: 5,
    });
  });
});
