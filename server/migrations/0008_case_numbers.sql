-- The registration (journal) numbers of the district's cases: one case per number. Desks number
-- offline from parts the hub hands out (office code, device number), so honest desks never collide;
-- a buggy or restored one could, and the district's log must never hold two cases under one number.
-- The hub refuses a Registered event whose number another case holds (sync:reject.numberTaken), and
-- the key makes that hold whatever several hub processes take in at once: a number's row is written in
-- the transaction that stores the event giving it (server/src/sync/event-log.ts).
--
-- Partitioned by district like hub_events: one partition per district, created with the district.

create table hub_case_numbers (
  district_id text not null,
  number text not null,
  case_id text not null,
  primary key (district_id, number)
) partition by list (district_id);

do $$
declare
  d record;
begin
  for d in select id, partition_no from districts loop
    execute format(
      'create table hub_case_numbers_p%s partition of hub_case_numbers for values in (%L)',
      d.partition_no,
      d.id
    );
  end loop;
end
$$;

-- The numbers of the cases stored so far. Should two cases already share one, the first stored keeps it.
insert into hub_case_numbers (district_id, number, case_id)
select district_id, body -> 'payload' ->> 'registrationNumber', stream_id
from hub_events
where stream = 'case'
  and body ->> 'type' = 'Registered'
  and body -> 'payload' ->> 'registrationNumber' is not null
order by txid, seq
on conflict do nothing;
