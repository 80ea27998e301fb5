-- The district's event log: every event a desk pushed and the hub accepted, once per id. Partitioned
-- by district (declarative list partitioning), one partition per district, created with the district:
-- a region or the whole country is one PostgreSQL deployment with many partitions.
--
-- A pull never skips an event: each row keeps the id of the transaction that wrote it (txid), and a
-- pull delivers, in (txid, seq) order, only rows whose transaction ended before every transaction still
-- running began (txid < xmin of the current snapshot). Any row committed later belongs to a
-- transaction with a greater txid than everything delivered, so it sorts after the cursor.

alter table districts add column partition_no integer;
create sequence district_partition_no;
update districts set partition_no = nextval('district_partition_no');
alter table districts alter column partition_no set not null;
alter table districts alter column partition_no set default nextval('district_partition_no');

create sequence hub_event_seq;

create table hub_events (
  district_id text not null,
  seq bigint not null default nextval('hub_event_seq'),
  txid xid8 not null default pg_current_xact_id(),
  id text not null,
  stream text not null check (stream in ('case', 'register', 'user')),
  stream_id text not null,
  -- The office whose scope the event is in: the case's, the register's or the user's office.
  office_id text not null,
  device_id text not null,
  body jsonb not null,
  received_at timestamptz not null default now(),
  primary key (district_id, id)
) partition by list (district_id);

create index hub_events_pull on hub_events (district_id, txid, seq);
create index hub_events_stream on hub_events (district_id, stream, stream_id);

do $$
declare
  d record;
begin
  for d in select id, partition_no from districts loop
    execute format(
      'create table hub_events_p%s partition of hub_events for values in (%L)',
      d.partition_no,
      d.id
    );
  end loop;
end
$$;
