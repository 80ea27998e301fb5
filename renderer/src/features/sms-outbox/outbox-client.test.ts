import { describe, expect, test } from 'vitest';
import type { SmsOutboxMessage } from '../../../../shared/sync/sms';
import { readSmsOutbox } from './outbox-client';

const LINK = { url: 'http://127.0.0.1:8470', credential: 'c'.repeat(32) };

const message = (n: number): SmsOutboxMessage => ({
  id: `signed-${n}`,
  caseId: `case-${n}`,
  officeId: 'office-kzl01',
  registrationNumber: `AK01-1-000${n}/2025`,
  phoneMasked: '+7 *** *** 45 67',
  language: 'kk',
  outcome: 'grant',
  decisionDate: '2025-04-21',
  text: 'мәтін',
  state: 'recorded',
  attempts: 1,
  failure: null,
  queuedAtMs: 1_745_000_000_000 + n,
  handedAtMs: 1_745_000_000_500 + n,
});

/** A hub answering GET /v1/sms from `pages`, keyed by the `after` asked; the requests it saw. */
function fakeHub(pages: Record<string, { status: number; body: unknown }>) {
  const seen: { url: URL; auth: string | null }[] = [];
  const doFetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    seen.push({ url, auth: new Headers(init?.headers).get('authorization') });
    const page = pages[url.searchParams.get('after') ?? ''];
    if (!page) return Promise.reject(new TypeError('fetch failed'));
    return Promise.resolve(
      new Response(JSON.stringify(page.body), {
        status: page.status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  }) as typeof fetch;
  return { doFetch, seen };
}

describe('reading the SMS outbox from the hub', () => {
  test('every page, with the desk’s credential, newest first', async () => {
    const hub = fakeHub({
      '': { status: 200, body: { messages: [message(1), message(2)], cursor: '2', more: true } },
      '2': { status: 200, body: { messages: [message(3)], cursor: '3', more: false } },
    });
    const read = await readSmsOutbox(LINK, true, hub.doFetch);
    expect(read.ok && read.messages.map((m) => m.id)).toEqual(['signed-3', 'signed-2', 'signed-1']);
    expect(read.ok && read.complete).toBe(true);
    expect(hub.seen.map((s) => s.url.pathname)).toEqual(['/v1/sms', '/v1/sms']);
    expect(hub.seen.every((s) => s.auth === `Bearer ${LINK.credential}`)).toBe(true);
  });

  test('not joined, or offline: said so, nothing asked', async () => {
    const hub = fakeHub({});
    expect(await readSmsOutbox(null, true, hub.doFetch)).toEqual({
      ok: false,
      problem: 'sms:problems.notJoined',
    });
    expect(await readSmsOutbox(LINK, false, hub.doFetch)).toEqual({
      ok: false,
      problem: 'sms:problems.offline',
    });
    expect(hub.seen).toEqual([]);
  });

  test('no answer, a refused desk, a hub failure, or a reply that is not the outbox', async () => {
    expect(await readSmsOutbox(LINK, true, fakeHub({}).doFetch)).toEqual({
      ok: false,
      problem: 'sms:problems.hubUnreachable',
    });
    const revoked = fakeHub({ '': { status: 401, body: { code: 'sync:errors.deviceRevoked' } } });
    expect(await readSmsOutbox(LINK, true, revoked.doFetch)).toEqual({
      ok: false,
      problem: 'sms:problems.refused',
    });
    const down = fakeHub({ '': { status: 503, body: { code: 'hub:errors.internal' } } });
    expect(await readSmsOutbox(LINK, true, down.doFetch)).toEqual({
      ok: false,
      problem: 'sms:problems.hubUnreachable',
    });
    const odd = fakeHub({ '': { status: 200, body: { messages: [{ id: 1 }] } } });
    expect(await readSmsOutbox(LINK, true, odd.doFetch)).toEqual({
      ok: false,
      problem: 'sms:problems.badReply',
    });
  });
});
