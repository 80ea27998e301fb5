// The hub's SMS outbox (0009_sms_outbox.sql): queueing a notice for each signed result whose applicant
// is in the mobile citizens' database (R-DEC-2, 003:49), handing due messages to the gateway, and the
// list staff see. What must stay true:
// - One message per ResultSigned event id (the table's key; every insert `on conflict do nothing`).
// - Whether a notice goes by SMS, to which number, in which language and saying what is the shared
//   answer (shared/sms smsNoticeOf) on the hub's own fold of the case up to the signing: the
//   application as registered and corrected, never a re-parse of the Registered payload.
// - A district's signed results are looked through in log order from a cursor kept in the database
//   and moved under its row's lock; only events whose transaction ended before every running one
//   began are taken (as a pull does), so a late commit is never skipped. A second hub process skips a
//   district another is looking through (skip locked) and finds the work done next time. Inserts of a
//   district are made under that lock, one process at a time, so their `seq` follows commit order
//   within the district and the staff's `after` cursor never skips a message.
// - A message is claimed by a row lock and a lease, handed over outside any transaction, and its
//   result recorded only while it is still queued: a process that dies mid-send leaves it to be
//   claimed again once the lease runs out.
import { foldCase, type CaseEvent, type CaseState } from '../../../shared/case';
import { maskPhone, smsNoticeOf } from '../../../shared/sms';
import type { SmsOutboxMessage, SmsOutboxReply } from '../../../shared/sync/sms';
import type { HubDatabase, Queryable } from '../db';
import type { Device } from '../registry/registry';
import type { SmsGateway, SmsSendResult } from './gateway';

/** Signed results looked at per district per round. */
const SCAN_PAGE = 200;

/**
 * Queues the notices of the signed results the hub took in since the last look, in every district.
 * Returns how many messages were queued.
 */
export async function queueSignedResults(
  db: HubDatabase,
  onUnreadable: (eventId: string) => void = () => undefined,
): Promise<number> {
  const { rows } = await db.query<{ id: string }>('select id from districts order by id');
  let queued = 0;
  for (const { id } of rows) {
    for (;;) {
      const page = await db.transaction((tx) => queueDistrictPage(tx, id, onUnreadable));
      queued += page.queued;
      if (!page.more) break;
    }
  }
  return queued;
}

async function queueDistrictPage(
  tx: Queryable,
  districtId: string,
  onUnreadable: (eventId: string) => void,
): Promise<{ queued: number; more: boolean }> {
  await tx.query(
    'insert into sms_scan_cursors (district_id) values ($1) on conflict (district_id) do nothing',
    [districtId],
  );
  const cursor = await tx.query<{ txid: string; seq: string }>(
    `select txid::text as txid, seq::text as seq from sms_scan_cursors
     where district_id = $1 for update skip locked`,
    [districtId],
  );
  const at = cursor.rows[0];
  // Another hub process is looking through this district now.
  if (at === undefined) return { queued: 0, more: false };
  const signed = await tx.query<{
    id: string;
    case_id: string;
    office_id: string;
    actor_office: string | null;
    txid: string;
    seq: string;
  }>(
    `select id, stream_id as case_id, office_id, body -> 'actor' ->> 'officeId' as actor_office,
       txid::text as txid, seq::text as seq
     from hub_events
     where district_id = $1 and stream = 'case' and body ->> 'type' = 'ResultSigned'
       and (txid, seq) > ($2::text::xid8, $3::bigint)
       and txid < pg_snapshot_xmin(pg_current_snapshot())
     order by txid, seq
     limit $4`,
    [districtId, at.txid, at.seq, SCAN_PAGE],
  );
  let queued = 0;
  for (const row of signed.rows) {
    const outcome = await queueNotice(tx, districtId, row);
    if (outcome === 'queued') queued += 1;
    else if (outcome === 'unreadable') onUnreadable(row.id);
  }
  const last = signed.rows[signed.rows.length - 1];
  if (last !== undefined) {
    await tx.query(
      `update sms_scan_cursors set txid = $2::text::xid8, seq = $3::bigint where district_id = $1`,
      [districtId, last.txid, last.seq],
    );
  }
  return { queued, more: signed.rows.length === SCAN_PAGE };
}

/**
 * Queues the notice of one signed result, if it goes by SMS. 'unreadable': the hub's own log of the
 * case cannot be folded (a bug, not an input the hub accepted): it is passed over and named to the
 * caller rather than holding back every later notice of the district.
 */
async function queueNotice(
  tx: Queryable,
  districtId: string,
  signed: {
    id: string;
    case_id: string;
    office_id: string;
    actor_office: string | null;
    txid: string;
    seq: string;
  },
): Promise<'queued' | 'none' | 'unreadable'> {
  // The case as the hub held it when the result was signed: its events up to the signing, in log order.
  const { rows } = await tx.query<{ body: CaseEvent }>(
    `select body from hub_events
     where district_id = $1 and stream = 'case' and stream_id = $2
       and (txid, seq) <= ($3::text::xid8, $4::bigint)
     order by txid, seq`,
    [districtId, signed.case_id, signed.txid, signed.seq],
  );
  let state: CaseState;
  try {
    state = foldCase(rows.map((r) => r.body));
  } catch {
    return 'unreadable';
  }
  // The office that decided and signed (the district department), as the registry names it.
  const office = await tx.query<{ name_kk: string; name_ru: string }>(
    'select name_kk, name_ru from offices where district_id = $1 and id = $2',
    [districtId, signed.actor_office ?? signed.office_id],
  );
  const names = office.rows[0];
  const plan = smsNoticeOf(
    state,
    names ? { kk: names.name_kk, ru: names.name_ru } : { kk: districtId, ru: districtId },
  );
  if (plan.kind !== 'sms') return 'none';
  const inserted = await tx.query(
    `insert into sms_messages (district_id, event_id, case_id, office_id, registration_number, phone,
       language, outcome, decision_date, body)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10)
     on conflict (district_id, event_id) do nothing
     returning event_id`,
    [
      districtId,
      signed.id,
      signed.case_id,
      signed.office_id,
      state.registrationNumber,
      plan.phone,
      plan.language,
      plan.outcome,
      plan.decisionDate,
      plan.text,
    ],
  );
  return inserted.rows.length > 0 ? 'queued' : 'none';
}

interface Claimed {
  district_id: string;
  event_id: string;
  phone: string;
  language: 'kk' | 'ru';
  body: string;
}

/**
 * Hands up to `limit` due messages to the gateway and records each result. Returns the results, for
 * the sender's log (counts only: no phone, no text).
 */
export async function sendDue(
  db: HubDatabase,
  gateway: SmsGateway,
  limit = 20,
): Promise<SmsSendResult[]> {
  const leaseSeconds = Math.ceil(gateway.maxDurationMs / 1000);
  const claimed = await db.transaction(async (tx) => {
    const { rows } = await tx.query<Claimed>(
      `select district_id, event_id, phone, language, body from sms_messages
       where state = 'queued' and (claimed_until is null or claimed_until < now())
       order by queued_at, seq
       limit $1
       for update skip locked`,
      [limit],
    );
    if (rows.length > 0) {
      await tx.query(
        `update sms_messages m set claimed_until = now() + make_interval(secs => $1::int)
         from unnest($2::text[], $3::text[]) as c(district_id, event_id)
         where m.district_id = c.district_id and m.event_id = c.event_id`,
        [leaseSeconds, rows.map((r) => r.district_id), rows.map((r) => r.event_id)],
      );
    }
    return rows;
  });
  const results: SmsSendResult[] = [];
  for (const message of claimed) {
    const result = await gateway.send({
      id: message.event_id,
      phone: message.phone,
      language: message.language,
      text: message.body,
    });
    await recordResult(db, message, result);
    results.push(result);
  }
  return results;
}

async function recordResult(db: Queryable, message: Claimed, result: SmsSendResult) {
  const attempts = result.state === 'recorded' ? 1 : result.attempts;
  await db.query(
    `update sms_messages set state = $3, attempts = attempts + $4, gateway_id = $5, failure = $6,
       handed_at = case when $3 = 'failed' then null else now() end, claimed_until = null
     where district_id = $1 and event_id = $2 and state = 'queued'`,
    [
      message.district_id,
      message.event_id,
      result.state,
      attempts,
      result.state === 'sent' ? result.gatewayId : null,
      result.state === 'failed' ? result.reason : null,
    ],
  );
}

/**
 * The messages a device may see after `after` (a message's seq; '' from the start): the district's for
 * the district department's desks, its own office's for an akimat's. The phone leaves masked.
 */
export async function outboxPage(
  db: Queryable,
  device: Device,
  after: string,
  limit: number,
): Promise<SmsOutboxReply> {
  const office = device.officeKind === 'district' ? null : device.officeId;
  const params: unknown[] = [device.districtId, after === '' ? '0' : after, limit + 1];
  const { rows } = await db.query<{
    event_id: string;
    seq: string;
    case_id: string;
    office_id: string;
    registration_number: string | null;
    phone: string;
    language: 'kk' | 'ru';
    outcome: 'grant' | 'refuse';
    decision_date: string;
    body: string;
    state: SmsOutboxMessage['state'];
    attempts: number;
    failure: string | null;
    queued_ms: number;
    handed_ms: number | null;
  }>(
    `select event_id, seq::text as seq, case_id, office_id, registration_number, phone, language,
       outcome, to_char(decision_date, 'YYYY-MM-DD') as decision_date, body, state, attempts, failure,
       floor(extract(epoch from queued_at) * 1000)::float8 as queued_ms,
       floor(extract(epoch from handed_at) * 1000)::float8 as handed_ms
     from sms_messages
     where district_id = $1 ${office === null ? '' : 'and office_id = $4'} and seq > $2::bigint
     order by seq
     limit $3`,
    office === null ? params : [...params, office],
  );
  const page = rows.slice(0, limit);
  return {
    messages: page.map((r) => ({
      id: r.event_id,
      caseId: r.case_id,
      officeId: r.office_id,
      registrationNumber: r.registration_number,
      phoneMasked: maskPhone(r.phone),
      language: r.language,
      outcome: r.outcome,
      decisionDate: r.decision_date,
      text: r.body,
      state: r.state,
      attempts: Number(r.attempts),
      failure: r.failure,
      queuedAtMs: Number(r.queued_ms),
      handedAtMs: r.handed_ms === null ? null : Number(r.handed_ms),
    })),
    cursor: page.length > 0 ? (page[page.length - 1]?.seq ?? after) : after,
    more: rows.length > limit,
  };
}
