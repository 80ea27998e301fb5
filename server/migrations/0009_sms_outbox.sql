-- The SMS notices of decisions (R-DEC-2, 003:49): when the hub holds a district head's ResultSigned
-- of a case whose applicant's number is in the mobile citizens' database, one message is queued here,
-- and the hub's sender hands it to the SMS gateway (server/src/sms). What must stay true:
-- - One message per signed result: the key is the ResultSigned event's id within its district, and
--   every insert says `on conflict do nothing`, so a retried push, a second hub process or a second
--   look at the same event never queues it twice.
-- - Keyed by district like the event log (a region is one PostgreSQL deployment): every read names its
--   district first. The office is the case's (an akimat's desk sees its own office's messages only).
-- - The text is written once, when queued, in the applicant's language (shared/sms); the decision
--   date is the decision's own, not the day the message left.
-- - Nothing of the sender lives in a hub process: a message is claimed by a row lock
--   (for update skip locked) and a lease (claimed_until); a process that dies mid-send leaves the row
--   to be claimed again once the lease runs out.
-- - No IIN here; the phone is the one thing of the applicant the gateway needs.

create sequence sms_message_seq;

create table sms_messages (
  district_id text not null references districts (id),
  event_id text not null,
  seq bigint not null default nextval('sms_message_seq'),
  case_id text not null,
  office_id text not null,
  registration_number text,
  phone text not null check (phone ~ '^\+7[0-9]{10}$'),
  language text not null check (language in ('kk', 'ru')),
  outcome text not null check (outcome in ('grant', 'refuse')),
  decision_date date not null,
  body text not null,
  -- queued: waiting for the sender; recorded: handed to the outbox adapter (nothing left the machine);
  -- sent: the gateway took it (gateway_id); failed: given up (failure says why).
  state text not null default 'queued' check (state in ('queued', 'recorded', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  claimed_until timestamptz,
  gateway_id text,
  failure text,
  queued_at timestamptz not null default now(),
  handed_at timestamptz,
  primary key (district_id, event_id),
  foreign key (district_id, office_id) references offices (district_id, id)
);

create index sms_messages_scope on sms_messages (district_id, seq);
create index sms_messages_office on sms_messages (district_id, office_id, seq);
create index sms_messages_due on sms_messages (claimed_until) where state = 'queued';

-- Where each district's look through its signed results has got to: the (txid, seq) of the last
-- ResultSigned looked at, read and moved under a row lock, with the same "ended before every running
-- transaction began" rule as a pull (0003_event_log.sql), so a late commit is never skipped.
create table sms_scan_cursors (
  district_id text primary key references districts (id),
  txid xid8 not null default '0',
  seq bigint not null default 0
);
-- Districts made before this migration start their scan at the beginning of their log; later ones get
-- their row from addDistrict (server/src/registry).
insert into sms_scan_cursors (district_id) select id from districts;

-- The signed results of a district in log order, without walking every other event.
create index hub_events_result_signed on hub_events (district_id, txid, seq)
  where stream = 'case' and body ->> 'type' = 'ResultSigned';
