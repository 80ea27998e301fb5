// Reads the hub's SMS outbox (GET /v1/sms, shared/sync/sms) for the outbox screen. What must stay true:
// - Nothing is stored on the desk: the outbox is the hub's, read when the screen asks, all pages in
//   the order the hub queued them, the newest first on screen.
// - Every way of not getting it is a value the screen names in kk and ru: not joined, offline, the hub
//   not answering, the desk refused (revoked), or a reply that is not the outbox.
import {
  smsOutboxReplySchema,
  SMS_PAGE_MAX,
  type SmsOutboxMessage,
} from '../../../../shared/sync/sms';

/** At most this many pages are read (SMS_PAGE_MAX messages each): the screen is not an archive. */
const MAX_PAGES = 20;
const REQUEST_TIMEOUT_MS = 30_000;

export type OutboxProblem =
  | 'sms:problems.notJoined'
  | 'sms:problems.offline'
  | 'sms:problems.hubUnreachable'
  | 'sms:problems.refused'
  | 'sms:problems.badReply';

export type OutboxRead =
  | {
      readonly ok: true;
      readonly messages: readonly SmsOutboxMessage[];
      readonly complete: boolean;
    }
  | { readonly ok: false; readonly problem: OutboxProblem };

export interface OutboxLink {
  /** The hub's base address (the desk's stored hub link). */
  readonly url: string;
  readonly credential: string;
}

/** Every message the hub lets this desk see, newest first; or why not. */
export async function readSmsOutbox(
  link: OutboxLink | null,
  online: boolean,
  doFetch: typeof fetch,
): Promise<OutboxRead> {
  if (link === null) return { ok: false, problem: 'sms:problems.notJoined' };
  if (!online) return { ok: false, problem: 'sms:problems.offline' };
  const messages: SmsOutboxMessage[] = [];
  let after = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL('/v1/sms', link.url);
    url.searchParams.set('limit', String(SMS_PAGE_MAX));
    if (after !== '') url.searchParams.set('after', after);
    let response: Response;
    try {
      response = await doFetch(url.toString(), {
        headers: { authorization: `Bearer ${link.credential}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      return { ok: false, problem: 'sms:problems.hubUnreachable' };
    }
    if (response.status === 401 || response.status === 403) {
      return { ok: false, problem: 'sms:problems.refused' };
    }
    if (!response.ok) {
      return {
        ok: false,
        problem: response.status >= 500 ? 'sms:problems.hubUnreachable' : 'sms:problems.badReply',
      };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, problem: 'sms:problems.badReply' };
    }
    const reply = smsOutboxReplySchema.safeParse(body);
    if (!reply.success) return { ok: false, problem: 'sms:problems.badReply' };
    messages.push(...reply.data.messages);
    if (!reply.data.more) return { ok: true, messages: messages.reverse(), complete: true };
    after = reply.data.cursor;
  }
  return { ok: true, messages: messages.reverse(), complete: false };
}
